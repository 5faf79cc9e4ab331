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
 *
 * <p>Two kinds of entry. A change that is also queued for upload refers to its outbox row (the row's key
 * is the entry's entity, id and revision) and holds the SHA-256 of that row's payload instead of a
 * second copy of it ({@link #appendOutbox}); its row before is the outbox row of the revision before. Any
 * other change (accounts, settings, card notes) keeps its own text, with the text before it
 * ({@link #append}). Entries written before V90 are all of the second kind and verify as they did.
 */
public final class AuditLog {

    static final String GENESIS = "0".repeat(64);
    static final String HEAD = "auditHead";

    /**
     * What a referring entry hashes in place of its {@code after} text: a control character no text entry
     * begins with ({@link #append} refuses one that does, {@link AuditVerifier} reports one as edited), so
     * a referring entry cannot be passed off as a text entry with the same hash.
     */
    static final String REFERENCE = "\u0001outbox sha256:";

    /**
     * One entry, as it is hashed and stored; {@code payloadSha256} is null for an entry with its own text,
     * else the SHA-256 of the outbox payload it refers to (and {@code before} is null, {@code after} empty).
     */
    record Entry(long seq, String at, String operator, String entity, String entityId, int revision, String action,
                 String before, String after, String payloadSha256, String prevHash, String hash) {

        /** The hash its fields give. */
        String recomputed() {
            return payloadSha256 == null
                    ? AuditLog.hash(prevHash, seq, at, operator, entity, entityId, revision, action, before, after)
                    : AuditLog.hash(prevHash, seq, at, operator, entity, entityId, revision, action, null,
                            REFERENCE + payloadSha256);
        }
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

    /**
     * An entry with its own text, written at once inside the caller's transaction: for changes kept outside
     * this package's services (the operator accounts of {@code canbao.account}).
     */
    public static void appendText(Handle handle, String entity, String entityId, int revision, String action,
                                  String after, String operator, Instant at) {
        new AuditLog(handle, false).append(entity, entityId, revision, action, after, operator, at);
    }

    /** An entry with its own text: {@code after} is the row after the change, the entity's last entry the row before. */
    void append(String entity, String entityId, int revision, String action, String after, String operator,
                Instant at) {
        if (after.startsWith(REFERENCE.substring(0, 1))) {
            throw new IllegalArgumentException("an audit text may not begin with a control character");
        }
        String before = revision == 1 ? null : previous(entity, entityId);
        add(entity, entityId, revision, action, before, after, null, operator, at);
    }

    /**
     * An entry for a change queued in the outbox (entity, id, revision): it holds the SHA-256 of the
     * row's payload, which {@code audit verify} checks against the outbox and {@code audit show} shows.
     */
    void appendOutbox(String entity, String entityId, int revision, String action, String payload, String operator,
                      Instant at) {
        add(entity, entityId, revision, action, null, "", Sha256.hex(payload), operator, at);
    }

    private void add(String entity, String entityId, int revision, String action, String before, String after,
                     String payloadSha256, String operator, Instant at) {
        if (lastSeq < 0) {
            Optional<String[]> last = handle.createQuery("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
                    .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).findOne();
            lastSeq = last.map(l -> Long.parseLong(l[0])).orElse(0L);
            lastHash = last.map(l -> l[1]).orElse(GENESIS);
        }
        long seq = lastSeq + 1;
        Entry entry = new Entry(seq, at.toString(), operator, entity, entityId, revision, action, before, after,
                payloadSha256, lastHash, null);
        String hash = entry.recomputed();
        entry = new Entry(seq, entry.at(), operator, entity, entityId, revision, action, before, after, payloadSha256,
                lastHash, hash);
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

    /** The row as it stood before: the latest entry of the same entity, among the held ones first (text entries). */
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
                                       payload_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
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
                if (e.payloadSha256() == null) {
                    insert.setNull(10, Types.VARCHAR);
                } else {
                    insert.setString(10, e.payloadSha256());
                }
                insert.setString(11, e.prevHash());
                insert.setString(12, e.hash());
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
