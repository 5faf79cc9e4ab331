package canbao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Fills {@code hub_household.village} (V21) for the households held before it, from the payload of
 * their latest accepted revision. Named as Flyway names versioned migrations.
 */
@SuppressWarnings("checkstyle:TypeName")
final class V22__HouseholdVillage extends PayloadBackfill {

    @Override
    String read() {
        return """
                SELECT h.id, s.payload FROM hub_household h
                JOIN sync_record s ON s.entity = 'household' AND s.id = h.id AND s.revision = h.revision""";
    }

    @Override
    String write() {
        return "UPDATE hub_household SET village = ? WHERE id = ?";
    }

    @Override
    boolean bind(ResultSet row, JsonNode payload, PreparedStatement write) throws SQLException {
        if (!payload.path("village").isTextual()) {
            return false;
        }
        write.setString(1, payload.get("village").asText());
        write.setString(2, row.getString(1));
        return true;
    }
}
