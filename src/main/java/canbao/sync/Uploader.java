package canbao.sync;

import canbao.model.Localization;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * Uploads everything pending, batch by batch, retrying with exponential backoff and jitter until done
 * or out of time. A rejected or conflicting record is parked with the hub's reason and never holds up
 * the rest. A batch too large for the hub (413) is sent again in halves, and a record too large alone
 * is parked with the hub's reason. Another refusal of the whole request (bad token) stops at once:
 * retrying cannot help.
 */
public final class Uploader {

    /** Sleeping, behind an interface so tests need not wait. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Told after every answered batch: records answered so far, and that plus what is still pending. */
    public interface Progress {
        void answered(int done, long total);
    }

    public record Summary(int uploaded, int duplicate, int conflict, int rejected, long pending, String stoppedBy) {
    }

    private static final Duration FIRST_WAIT = Duration.ofMillis(500);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final UploadQueue queue;
    private final SyncClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Random jitter = new Random();
    private final int batchSize;

    public Uploader(UploadQueue queue, SyncClient client, Clock clock, Sleeper sleeper, int batchSize) {
        this.queue = queue;
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.batchSize = batchSize;
    }

    public Summary uploadAll(Duration timeLimit) throws InterruptedException {
        return uploadAll(timeLimit, (done, total) -> { });
    }

    public Summary uploadAll(Duration timeLimit, Progress progress) throws InterruptedException {
        return uploadAll(timeLimit, progress, Integer.MAX_VALUE, NOT_CANCELLABLE);
    }

    /**
     * Uploads until nothing is pending, the time limit passes, {@code cancelled} says so (checked
     * between batches and while waiting), or the hub failed to answer {@code giveUpAfter} times in a
     * row: a clerk at the end of the shift wants to know within seconds, a script may wait longer.
     */
    public Summary uploadAll(Duration timeLimit, Progress progress, int giveUpAfter,
                             java.util.function.BooleanSupplier cancelled) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeLimit);
        int uploaded = 0;
        int duplicate = 0;
        int conflict = 0;
        int rejected = 0;
        int failures = 0;
        String stoppedBy = null;
        int size = batchSize;
        while (clock.instant().isBefore(deadline)) {
            if (cancelled.getAsBoolean()) {
                stoppedBy = Localization.text(Localization.CHINESE, "upload.cancelled");
                break;
            }
            UploadBatch batch = queue.nextBatch(size).orElse(null);
            if (batch == null) {
                break;
            }
            try {
                BatchAnswer answer = client.upload(batch);
                queue.apply(answer);
                failures = 0;
                for (RecordResult result : answer.results()) {
                    switch (result.status()) {
                        case ACCEPTED -> uploaded++;
                        case DUPLICATE -> duplicate++;
                        case CONFLICT -> conflict++;
                        case REJECTED -> rejected++;
                    }
                }
                int done = uploaded + duplicate + conflict + rejected;
                progress.answered(done, done + queue.pending());
            } catch (SyncClient.HubRefusedException refused) {
                if (refused.status() == 413) {
                    // too large for the hub: smaller batches; a record too large alone is parked with the
                    // reason (the clerk sees it and can fix it) and the rest of the queue goes on
                    if (batch.records().size() > 1) {
                        queue.dissolve(batch.batchId(), refused.getMessage());
                        size = Math.max(1, batch.records().size() / 2);
                    } else {
                        queue.parkTooLarge(batch.batchId(), Localization.format(Localization.CHINESE,
                                "upload.tooLarge", refused.getMessage()));
                        rejected++;
                        size = batchSize;
                    }
                    continue;
                }
                queue.failed(batch.batchId(), refused.getMessage());
                if (refused.status() < 500) {
                    stoppedBy = refused.getMessage();
                    break;
                }
                failures++;
                if (failures >= giveUpAfter) {
                    stoppedBy = HubFailure.describe(refused, Localization.CHINESE);
                    break;
                }
                backOff(failures, deadline, cancelled);
            } catch (HubTrust.Untrusted untrusted) {
                // another certificate, or plain HTTP not allowed: no retry makes it trusted
                queue.failed(batch.batchId(), untrusted.getMessage());
                stoppedBy = untrusted.getMessage();
                break;
            } catch (IOException unreachable) {
                String reason = HubFailure.describe(unreachable, Localization.CHINESE);
                queue.failed(batch.batchId(), reason);
                failures++;
                if (failures >= giveUpAfter) {
                    stoppedBy = reason;
                    break;
                }
                backOff(failures, deadline, cancelled);
            }
        }
        return new Summary(uploaded, duplicate, conflict, rejected, queue.pending(), stoppedBy);
    }

    /** Waits 0.5 s, 1 s, 2 s … (at most 30 s), each with up to half again of random jitter. */
    private void backOff(int failures, Instant deadline, java.util.function.BooleanSupplier cancelled)
            throws InterruptedException {
        long base = Math.min(LONGEST_WAIT.toMillis(), FIRST_WAIT.toMillis() << Math.min(failures - 1, 16));
        long wait = base + (long) (jitter.nextDouble() * base / 2);
        long left = Duration.between(clock.instant(), deadline).toMillis();
        long remaining = Math.max(0, Math.min(wait, left));
        if (cancelled == NOT_CANCELLABLE) {
            sleeper.sleep(Duration.ofMillis(remaining));
            return;
        }
        // in short steps, so a cancel is heard at once
        while (remaining > 0 && !cancelled.getAsBoolean()) {
            long step = Math.min(remaining, CANCEL_CHECK.toMillis());
            sleeper.sleep(Duration.ofMillis(step));
            remaining -= step;
        }
    }

    private static final Duration CANCEL_CHECK = Duration.ofMillis(200);
    /** An upload nobody can cancel (a script's): it waits each backoff in one sleep. */
    public static final java.util.function.BooleanSupplier NOT_CANCELLABLE = () -> false;
}
