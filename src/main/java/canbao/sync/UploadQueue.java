package canbao.sync;

import java.util.Optional;

/** What the uploader needs from the counter's store; implemented over the outbox. */
public interface UploadQueue {

    /** The next batch to send: one begun before (same id, same records) or a new one of at most {@code max}. */
    Optional<UploadBatch> nextBatch(int max);

    /** Records each result on its outbox entry and keeps the signed answer. */
    void apply(BatchAnswer answer);

    /** Counts a failed attempt on the batch's entries, with the reason. */
    void failed(String batchId, String reason);

    /**
     * The hub refused the batch as too large (413: nothing of it was read, so no answer is stored under
     * its id): its records go back to the queue, to be sent again in smaller batches.
     */
    void dissolve(String batchId, String reason);

    /** A batch of one record the hub refused as too large: the record is parked (rejected) with the reason. */
    void parkTooLarge(String batchId, String reason);

    /** Entries not yet delivered nor parked (rejected or in conflict). */
    long pending();
}
