package canbao.store;

import canbao.model.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Appends to the hash-chained audit log inside the caller's (write) transaction. SQLite transactions
 * here take the write lock when they begin, so the chain's end read at the first append stays the end
 * until commit: two counters' saves can never fork the chain.
 */
final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    static final String HEAD = "auditHead";

    /** One entry, as it is hashed and stored. */
    record Entry(long seq, String at, String operator, String entity, String entityId, int revision, String action,
                 String before, String after, String prevHash, String hash) {
    }

    private final Handle handle;
    private final boolean batched;
    private final List<Entry> held = new ArrayList<>();
    private long lastSeq = -1;
    private String lastHash;

    AuditLog(Handle handle, boolean batched) {
        this.handle = handle;
        this.batched = batched;
    }

    void append(String entity, String entityId, int revision, String action, String after, String operator,
                Instant at) {
        if (lastSeq < 0) {
            Optional<Entry> last = handle.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .map((rs, ctx) -> new Entry(rs.getLong(1), null, null, null, null, 0, null, null, null, null,
                            rs.getString(2))).findOne();
            lastSeq = last.map(Entry::seq).orElse(0L);
            lastHash = last.map(Entry::hash).orElse(GENESIS);
        }
        String before = revision == 1 ? null : previous(entity, entityId);
        long seq = lastSeq + 1;
        String when = at.toString();
        String hash = hash(lastHash, seq, when, operator, entity, entityId, revision, action, before, after);
        Entry entry = new Entry(seq, when, operator, entity, entityId, revision, action, before, after, lastHash, hash);
        lastSeq = seq;
        lastHash = hash;
        if (batched) {
            held.add(entry);
        } else {
            try {
                insert(handle.getConnection(), List.of(entry));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The row as it stood before: the latest entry of the same entity, among the held ones first. */
    private String previous(String entity, String entityId) {
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).entity().equals(entity) && held.get(i).entityId().equals(entityId)) {
                return held.get(i).after();
            }
        }
        return handle.createQuery("""
                SELECT after FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY seq DESC LIMIT 1""")
                .bind(0, entity).bind(1, entityId).mapTo(String.class).findOne().orElse(null);
    }

    void flush(Connection connection) throws SQLException {
        if (!held.isEmpty()) {
            insert(connection, held);
            held.clear();
        }
    }

    void discard() {
        held.clear();
    }

    private void insert(Connection connection, List<Entry> entries) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO audit_log (seq, at, operator, entity, entity_id, revision, action, before, after,
                                       prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Entry e : entries) {
                insert.setLong(1, e.seq());
                insert.setString(2, e.at());
                insert.setString(3, e.operator());
                insert.setString(4, e.entity());
                insert.setString(5, e.entityId());
                insert.setInt(6, e.revision());
                insert.setString(7, e.action());
                if (e.before() == null) {
                    insert.setNull(8, Types.VARCHAR);
                } else {
                    insert.setString(8, e.before());
                }
                insert.setString(9, e.after());
                insert.setString(10, e.prevHash());
                insert.setString(11, e.hash());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement head = connection.prepareStatement("""
                INSERT INTO settings (key, value) VALUES (?, ?)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value""")) {
            Entry last = entries.get(entries.size() - 1);
            head.setString(1, HEAD);
            head.setString(2, last.seq() + ":" + last.hash());
            head.executeUpdate();
        }
    }

    /** SHA-256 over the previous hash and every field, separated so no two entries read the same. */
    static String hash(String prevHash, long seq, String at, String operator, String entity, String entityId,
                       int revision, String action, String before, String after) {
        String text = String.join("\u001f", prevHash, Long.toString(seq), at, operator, entity, entityId,
                Integer.toString(revision), action, before == null ? "\u0000" : before, after);
        return Sha256.hex(text);
    }
}
