package canbao.store;

import canbao.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Walks the audit log's hash chain from the first entry: each entry must carry the previous entry's
 * hash, its own hash must be what its fields give, its number must follow the previous one, and the
 * last entry must be the head the log recorded. Any edited, removed, inserted or cut-off entry shows.
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
            handle.createQuery("SELECT * FROM audit_log ORDER BY seq")
                    .map((rs, ctx) -> new AuditLog.Entry(rs.getLong("seq"), rs.getString("at"),
                            rs.getString("operator"), rs.getString("entity"), rs.getString("entity_id"),
                            rs.getInt("revision"), rs.getString("action"), rs.getString("before"),
                            rs.getString("after"), rs.getString("prev_hash"), rs.getString("hash")))
                    .forEach(entry -> {
                        count[0]++;
                        if (entry.seq() != expectedSeq[0]) {
                            problems.add(Problem.of("audit[" + entry.seq() + "]", "audit.missing", expectedSeq[0],
                                    entry.seq() - 1));
                        }
                        if (!entry.prevHash().equals(prevHash[0])) {
                            problems.add(Problem.of("audit[" + entry.seq() + "]", "audit.chainBroken", entry.seq()));
                        }
                        String recomputed = AuditLog.hash(entry.prevHash(), entry.seq(), entry.at(), entry.operator(),
                                entry.entity(), entry.entityId(), entry.revision(), entry.action(), entry.before(),
                                entry.after());
                        if (!recomputed.equals(entry.hash())) {
                            problems.add(Problem.of("audit[" + entry.seq() + "]", "audit.edited", entry.seq()));
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
