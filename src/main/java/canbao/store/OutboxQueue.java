package canbao.store;

import canbao.sync.BatchAnswer;
import canbao.sync.RecordResult;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import canbao.sync.UploadQueue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The outbox as the uploader sees it: batches whose membership is fixed before they are sent. */
public final class OutboxQueue implements UploadQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    + "VALUES (?, ?, ?, ?)", answer.batchId(), answer.receivedAt(), answer.signature(), json(answer));
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
    public long pending() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM outbox WHERE status = 'pending'").mapTo(Long.class).one());
    }

    private static String json(BatchAnswer answer) {
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
