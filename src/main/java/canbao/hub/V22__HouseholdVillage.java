package canbao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code hub_household.village} (V21) for the households held before it, from the payload of
 * their latest accepted revision: JSON is read here, in Java, because SQLite and PostgreSQL read JSON
 * with different functions. Named as Flyway names versioned migrations.
 */
@SuppressWarnings("checkstyle:TypeName")
final class V22__HouseholdVillage extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1_000;

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement read = connection.prepareStatement("""
                SELECT h.id, s.payload FROM hub_household h
                JOIN sync_record s ON s.entity = 'household' AND s.id = h.id AND s.revision = h.revision""");
             PreparedStatement write = connection.prepareStatement("UPDATE hub_household SET village = ? WHERE id = ?");
             ResultSet rows = read.executeQuery()) {
            int pending = 0;
            while (rows.next()) {
                String village;
                try {
                    JsonNode payload = JSON.readTree(rows.getString(2));
                    village = payload != null && payload.path("village").isTextual() ? payload.get("village").asText() : null;
                } catch (java.io.IOException unreadable) {
                    village = null;
                }
                if (village == null) {
                    continue;
                }
                write.setString(1, village);
                write.setString(2, rows.getString(1));
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
