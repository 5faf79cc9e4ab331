package canbao.store;

import canbao.model.Problem;
import canbao.model.Sha256;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks the audit log's hash chain from the first entry: each entry must carry the previous entry's
 * hash, its own hash must be what its fields give, its number must follow the previous one, and the
 * last entry must be the head the log recorded. Any edited, removed, inserted or cut-off entry shows.
 * An entry that refers to an outbox row (V90) must find that row, and the row's payload must still hash
 * to what the entry holds: an edited or removed outbox payload shows as a break too.
 */
public final class AuditVerifier {

    /** What the walk found: entries read, and each break in the chain (none when intact). */
    public record Result(long entries, List<Problem> problems) {
        public boolean intact() {
            return problems.isEmpty();
        }
    }

    private final Database database;

    public AuditVerifier(Database database) {
        this.database = database;
    }

    public Result verify() {
        return database.jdbi().withHandle(handle -> {
            List<Problem> problems = new ArrayList<>();
            long[] count = {0};
            long[] expectedSeq = {1};
            String[] prevHash = {AuditLog.GENESIS};
            // the outbox row an entry refers to, by the outbox's unique key (entity, entity_id, revision)
            handle.createQuery("""
                    SELECT a.*, o.payload AS outbox_payload FROM audit_log a
                    LEFT JOIN outbox o ON a.payload_sha256 IS NOT NULL AND o.entity = a.entity
                                      AND o.entity_id = a.entity_id AND o.revision = a.revision
                    ORDER BY a.seq""")
                    .map((rs, ctx) -> Map.entry(new AuditLog.Entry(rs.getLong("seq"), rs.getString("at"),
                            rs.getString("operator"), rs.getString("entity"), rs.getString("entity_id"),
                            rs.getInt("revision"), rs.getString("action"), rs.getString("before"),
                            rs.getString("after"), rs.getString("payload_sha256"), rs.getString("prev_hash"),
                            rs.getString("hash")), Optional.ofNullable(rs.getString("outbox_payload"))))
                    .forEach(row -> {
                        AuditLog.Entry entry = row.getKey();
                        count[0]++;
                        String field = "audit[" + entry.seq() + "]";
                        if (entry.seq() != expectedSeq[0]) {
                            problems.add(Problem.of(field, "audit.missing", expectedSeq[0], entry.seq() - 1));
                        }
                        if (!entry.prevHash().equals(prevHash[0])) {
                            problems.add(Problem.of(field, "audit.chainBroken", entry.seq()));
                        }
                        // a text entry in a referring entry's hashed form would pass its hash: never written so
                        boolean disguised = entry.payloadSha256() == null
                                && entry.after().startsWith(AuditLog.REFERENCE.substring(0, 1));
                        if (disguised || !entry.recomputed().equals(entry.hash())) {
                            problems.add(Problem.of(field, "audit.edited", entry.seq()));
                        }
                        if (entry.payloadSha256() != null) {
                            Optional<String> payload = row.getValue();
                            if (payload.isEmpty()) {
                                problems.add(Problem.of(field, "audit.payloadMissing", entry.seq(), entry.entity(),
                                        entry.revision()));
                            } else if (!Sha256.hex(payload.get()).equals(entry.payloadSha256())) {
                                problems.add(Problem.of(field, "audit.payloadEdited", entry.seq(), entry.entity(),
                                        entry.revision()));
                            }
                        }
                        expectedSeq[0] = entry.seq() + 1;
                        prevHash[0] = entry.hash();
                    });
            Optional<String> head = handle.createQuery("SELECT value FROM settings WHERE key = ?")
                    .bind(0, AuditLog.HEAD).mapTo(String.class).findOne();
            String last = (expectedSeq[0] - 1) + ":" + prevHash[0];
            if (head.isPresent() && !head.get().equals(last)) {
                problems.add(Problem.of("audit", "audit.truncated", head.get().split(":")[0], expectedSeq[0] - 1));
            } else if (head.isEmpty() && count[0] > 0) {
                problems.add(Problem.of("audit", "audit.noHead"));
            }
            return new Result(count[0], problems);
        });
    }
}
