package canbao.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A hub migration that fills a projection column or table from the payloads held in {@code sync_record}:
 * the JSON is read here, in Java, because SQLite and PostgreSQL read JSON with different functions. The
 * rows are written in batches; a payload that cannot be read, or lacks what the projection needs, is
 * passed over (every stored payload passed the hub's checks when it was accepted).
 */
abstract class PayloadBackfill extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 1_000;

    /** The rows to read, the payload in the last column. */
    abstract String read();

    /** The statement each row's values are written with. */
    abstract String write();

    /** Binds {@code write} for one row from its payload; false passes the row over. */
    abstract boolean bind(ResultSet row, JsonNode payload, PreparedStatement write) throws SQLException;

    @Override
    public final void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (PreparedStatement read = connection.prepareStatement(read());
             PreparedStatement write = connection.prepareStatement(write());
             ResultSet rows = read.executeQuery()) {
            int payloadColumn = rows.getMetaData().getColumnCount();
            int pending = 0;
            while (rows.next()) {
                JsonNode payload;
                try {
                    payload = JSON.readTree(rows.getString(payloadColumn));
                } catch (java.io.IOException unreadable) {
                    continue;
                }
                if (payload == null || !bind(rows, payload, write)) {
                    continue;
                }
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
