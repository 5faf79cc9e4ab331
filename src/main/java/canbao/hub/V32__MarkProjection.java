package canbao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code hub_mark} (V31) with the latest accepted revision of every renewal mark held before it,
 * from its payload: read here, in Java, because SQLite and PostgreSQL read JSON with different functions
 * (as {@link V22__HouseholdVillage}). Named as Flyway names versioned migrations.
 */
@SuppressWarnings("checkstyle:TypeName")
final class V32__MarkProjection extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement read = connection.prepareStatement("""
                SELECT s.id, s.revision, s.payload FROM sync_record s
                WHERE s.entity = 'person_mark' AND s.revision = (SELECT max(l.revision) FROM sync_record l
                    WHERE l.entity = 'person_mark' AND l.id = s.id)""");
             PreparedStatement write = connection.prepareStatement(
                     "INSERT INTO hub_mark (id, person_id, policy_year, kind, deleted, revision) VALUES (?, ?, ?, ?, ?, ?)");
             ResultSet rows = read.executeQuery()) {
            int pending = 0;
            while (rows.next()) {
                JsonNode payload;
                try {
                    payload = JSON.readTree(rows.getString(3));
                } catch (java.io.IOException unreadable) {
                    continue;
                }
                // every stored mark passed the hub's checks: these fields are there
                if (payload == null || !payload.path("person").isTextual() || !payload.path("policyYear").canConvertToInt()
                        || !payload.path("kind").isTextual()) {
                    continue;
                }
                write.setString(1, rows.getString(1));
                write.setString(2, payload.get("person").asText());
                write.setInt(3, payload.get("policyYear").asInt());
                write.setString(4, payload.get("kind").asText());
                write.setInt(5, payload.path("deleted").asBoolean(false) ? 1 : 0);
                write.setInt(6, rows.getInt(2));
                write.addBatch();
                if (++pending == BATCH) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
