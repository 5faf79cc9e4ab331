package canbao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Fills {@code hub_mark} (V31) with the latest accepted revision of every renewal mark held before it,
 * from its payload. Named as Flyway names versioned migrations.
 */
@SuppressWarnings("checkstyle:TypeName")
final class V32__MarkProjection extends PayloadBackfill {

    @Override
    String read() {
        return """
                SELECT s.id, s.revision, s.payload FROM sync_record s
                WHERE s.entity = 'person_mark' AND s.revision = (SELECT max(l.revision) FROM sync_record l
                    WHERE l.entity = 'person_mark' AND l.id = s.id)""";
    }

    @Override
    String write() {
        return "INSERT INTO hub_mark (id, person_id, policy_year, kind, deleted, revision) VALUES (?, ?, ?, ?, ?, ?)";
    }

    @Override
    boolean bind(ResultSet row, JsonNode payload, PreparedStatement write) throws SQLException {
        if (!payload.path("person").isTextual() || !payload.path("policyYear").canConvertToInt()
                || !payload.path("kind").isTextual()) {
            return false;
        }
        write.setString(1, row.getString(1));
        write.setString(2, payload.get("person").asText());
        write.setInt(3, payload.get("policyYear").asInt());
        write.setString(4, payload.get("kind").asText());
        write.setInt(5, payload.path("deleted").asBoolean(false) ? 1 : 0);
        write.setInt(6, row.getInt(2));
        return true;
    }
}
