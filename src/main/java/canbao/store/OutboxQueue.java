package canbao.store;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncCodec;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import canbao.sync.UploadQueue;
import java.time.Clock;
import canbao.model.OutboxEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The outbox as the uploader sees it: batches whose membership is fixed before they are sent. */
public final class OutboxQueue implements UploadQueue {

    private final Database database;
    private final Workplace workplace;
    private final String deviceId;
    private final Clock clock;

    public OutboxQueue(Database database, Workplace workplace, String deviceId, Clock clock) {
        this.database = database;
        this.workplace = workplace;
        this.deviceId = deviceId;
        this.clock = clock;
    }

    /** The workplace batches are sent for, with the signed-in operator who sends them. */
    public Workplace workplace() {
        return workplace;
    }

    @Override
    public Optional<UploadBatch> nextBatch(int max) {
        return database.jdbi().inTransaction(handle -> {
            Optional<String> begun = handle.createQuery("""
                    SELECT batch_id FROM outbox WHERE status = 'pending' AND batch_id IS NOT NULL
                    ORDER BY seq LIMIT 1""").mapTo(String.class).findOne();
            String batchId = begun.orElseGet(() -> {
                String made = UUID.randomUUID().toString();
                // fixed before sending: a retry after a crash sends the same batch again
                int assigned = handle.createUpdate("""
                        UPDATE outbox SET batch_id = :batch WHERE seq IN (
                            SELECT seq FROM outbox WHERE status = 'pending' AND batch_id IS NULL
                            ORDER BY seq LIMIT :max)""").bind("batch", made).bind("max", max).execute();
                return assigned == 0 ? null : made;
            });
            if (batchId == null) {
                return Optional.<UploadBatch>empty();
            }
            List<SyncRecord> records = handle.createQuery("""
                    SELECT entity, entity_id, revision, payload FROM outbox
                    WHERE batch_id = ? ORDER BY seq""").bind(0, batchId)
                    .map((rs, ctx) -> new SyncRecord(rs.getString("entity"), rs.getString("entity_id"),
                            rs.getInt("revision"), rs.getString("payload"))).list();
            return Optional.of(new UploadBatch(batchId, deviceId, workplace.township(), workplace.operator(),
                    records));
        });
    }

    @Override
    public void apply(BatchAnswer answer) {
        String now = clock.instant().toString();
        database.jdbi().useTransaction(handle -> {
            for (RecordResult result : answer.results()) {
                String status = switch (result.status()) {
                    case ACCEPTED -> "uploaded";
                    case DUPLICATE -> "duplicate";
                    case CONFLICT -> "conflict";
                    case REJECTED -> "rejected";
                };
                handle.createUpdate("""
                        UPDATE outbox SET status = :status, attempts = attempts + 1, last_attempt_at = :now,
                               hub_code = :code, hub_message = :message
                        WHERE batch_id = :batch AND entity = :entity AND entity_id = :id AND revision = :revision""")
                        .bind("status", status).bind("now", now).bind("code", result.code())
                        .bind("message", result.message()).bind("batch", answer.batchId())
                        .bind("entity", result.entity()).bind("id", result.id()).bind("revision", result.revision())
                        .execute();
            }
            handle.execute("INSERT OR IGNORE INTO upload_receipt (batch_id, received_at, signature, answer) "
                    + "VALUES (?, ?, ?, ?)", answer.batchId(), answer.receivedAt(), answer.signature(),
                    SyncCodec.writeAnswer(answer));
        });
    }

    @Override
    public void failed(String batchId, String reason) {
        database.jdbi().useHandle(handle -> handle.createUpdate("""
                UPDATE outbox SET attempts = attempts + 1, last_attempt_at = :now, hub_message = :reason
                WHERE batch_id = :batch AND status = 'pending'""")
                .bind("now", clock.instant().toString()).bind("reason", reason).bind("batch", batchId).execute());
    }

    @Override
    public void dissolve(String batchId, String reason) {
        database.jdbi().useHandle(handle -> handle.createUpdate("""
                UPDATE outbox SET batch_id = NULL, attempts = attempts + 1, last_attempt_at = :now, hub_message = :reason
                WHERE batch_id = :batch AND status = 'pending'""")
                .bind("now", clock.instant().toString()).bind("reason", reason).bind("batch", batchId).execute());
    }

    /** The code a record parked for its size carries, like a hub's code on a rejected record. */
    public static final String TOO_LARGE = "TOO_LARGE";

    @Override
    public void parkTooLarge(String batchId, String reason) {
        database.jdbi().useHandle(handle -> handle.createUpdate("""
                UPDATE outbox SET status = 'rejected', attempts = attempts + 1, last_attempt_at = :now,
                       hub_code = :code, hub_message = :reason
                WHERE batch_id = :batch AND status = 'pending'""")
                .bind("now", clock.instant().toString()).bind("code", TOO_LARGE).bind("reason", reason)
                .bind("batch", batchId).execute());
    }

    @Override
    public long pending() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM outbox WHERE status = 'pending'").mapTo(Long.class).one());
    }

    /** The status of a parked record whose entity was saved again later: the newer revision stands for it. */
    public static final String SUPERSEDED = "superseded";

    /** An outbox row's status as shown: a parked row with a newer revision queued is superseded. */
    private static final String SHOWN_STATUS = """
            CASE WHEN o.status IN ('rejected', 'conflict') AND EXISTS (
                     SELECT 1 FROM outbox n WHERE n.entity = o.entity AND n.entity_id = o.entity_id
                     AND n.revision > o.revision) THEN 'superseded' ELSE o.status END""";

    private static final String LISTING = """
            SELECT o.seq, o.entity, o.entity_id, o.revision, o.attempts, o.last_attempt_at, o.hub_code,
                   o.hub_message, h.id AS household_id, h.number AS household_number, p.name AS person_name,
            """ + SHOWN_STATUS + """
             AS shown_status
            FROM outbox o
            LEFT JOIN person p ON p.id = o.person_id
            LEFT JOIN household h ON h.id = CASE o.entity WHEN 'household' THEN o.entity_id ELSE p.household_id END
            """;

    /**
     * The outbox as the Upload screen lists it, at most {@code limit} rows: records needing attention
     * first, then pending ones in upload order, then (when {@code all}) the delivered, newest first.
     */
    public List<OutboxEntry> entries(boolean all, int limit) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT * FROM (" + LISTING + ") "
                        + (all ? "" : "WHERE shown_status IN ('rejected', 'conflict', 'pending') ")
                        + "ORDER BY CASE shown_status WHEN 'rejected' THEN 0 WHEN 'conflict' THEN 0 "
                        + "WHEN 'pending' THEN 1 ELSE 2 END, "
                        + "CASE WHEN shown_status = 'pending' THEN seq ELSE -seq END LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new OutboxEntry(rs.getLong("seq"), rs.getString("entity"),
                        rs.getString("entity_id"), rs.getInt("revision"), rs.getString("shown_status"),
                        rs.getInt("attempts"), rs.getString("last_attempt_at"), rs.getString("hub_code"),
                        rs.getString("hub_message"), rs.getString("household_id"), rs.getString("household_number"),
                        rs.getString("person_name")))
                .list());
    }

    /**
     * Sends rejected records again, unchanged, in a new batch (after their cause was put right, e.g. the
     * person they need reached the hub). A conflict is not resent: the same revision would conflict
     * again; a new revision of the row resolves it. Returns how many were put back in the queue.
     */
    public int retry(List<Long> seqs) {
        if (seqs.isEmpty()) {
            return 0;
        }
        return database.jdbi().withHandle(handle -> handle.createUpdate("""
                UPDATE outbox SET status = 'pending', batch_id = NULL
                WHERE seq IN (<seqs>) AND status = 'rejected'""").bindList("seqs", seqs).execute());
    }

    /** How many records stand in each status (superseded parked records counted apart). */
    public Map<String, Long> counts() {
        return database.jdbi().withHandle(handle -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String status : List.of("pending", "uploaded", "duplicate", "rejected", "conflict", SUPERSEDED)) {
                counts.put(status, 0L);
            }
            handle.createQuery("SELECT " + SHOWN_STATUS + " AS shown, count(*) AS n FROM outbox o GROUP BY shown")
                    .map((rs, ctx) -> Map.entry(rs.getString("shown"), rs.getLong("n")))
                    .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
            return counts;
        });
    }
}
