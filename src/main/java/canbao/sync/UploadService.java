package canbao.sync;

import canbao.policy.CountyKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One upload at a time, whether the clerk pressed 上传 or the background check found the hub
 * reachable: both go through one lock, so a batch is never sent twice at once. Whoever listens for
 * progress sees the upload that is running, whichever started it.
 */
public final class UploadService implements AutoCloseable {

    /**
     * Where to upload, with which device token, and the hub certificate or CA the administrator pinned;
     * absent until the counter is given address and token.
     */
    public record Endpoint(URI hub, String token, HubTrust trust) {
        /** An endpoint trusting no certificate: plain HTTP to this machine only. */
        public Endpoint(URI hub, String token) {
            this(hub, token, HubTrust.NONE);
        }
    }

    /** What a background round did: nothing to do, hub unreachable, or an upload's summary. */
    public record Round(Outcome outcome, Uploader.Summary summary, String reason, PolicyDownload.Result policies) {
        Round(Outcome outcome, Uploader.Summary summary, String reason) {
            this(outcome, summary, reason, null);
        }

        public enum Outcome { NOT_CONFIGURED, NOTHING_PENDING, UNREACHABLE, BUSY, UPLOADED }
    }

    private static final Uploader.Progress SILENT = (done, total) -> { };

    private final UploadQueue queue;
    private final Supplier<Optional<Endpoint>> endpoint;
    private final Clock clock;
    private final Uploader.Sleeper sleeper;
    private final int batchSize;
    private final Duration timeout;
    private final Path policyFolder;
    private final Supplier<Optional<CountyKey>> countyKey;
    private final ReentrantLock running = new ReentrantLock();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "canbao-background-upload");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Uploader.Progress progress = SILENT;

    /**
     * @param countyKey the county key pinned now (the administrator may pin one while the window is
     *                  open); policy tables are taken only when signed by it
     */
    public UploadService(UploadQueue queue, Supplier<Optional<Endpoint>> endpoint, Clock clock,
                         Uploader.Sleeper sleeper, int batchSize, Duration timeout, Path policyFolder,
                         Supplier<Optional<CountyKey>> countyKey) {
        this.policyFolder = policyFolder;
        this.countyKey = countyKey;
        this.queue = queue;
        this.endpoint = endpoint;
        this.clock = clock;
        this.sleeper = sleeper;
        this.batchSize = batchSize;
        this.timeout = timeout;
    }

    /** Told of every answered batch of every upload (called on the uploading thread). */
    public void onProgress(Uploader.Progress listener) {
        this.progress = listener == null ? SILENT : listener;
    }

    /** Records waiting to go up (what the window warns about when it is closed). */
    public long pendingCount() {
        return queue.pending();
    }

    public boolean isConfigured() {
        return endpoint.get().isPresent();
    }

    /** The connectivity check; throws with the reason when the hub does not answer. */
    public void check() throws IOException, InterruptedException {
        client(endpoint.get().orElseThrow(NotConfigured::new)).checkHealth();
    }

    /**
     * Uploads everything pending (the end-of-shift button): waits for a background upload that is
     * running to finish, then sends what is left, retrying until the time limit.
     */
    public Uploader.Summary uploadNow(Duration limit) throws InterruptedException {
        return uploadNow(limit, Integer.MAX_VALUE, Uploader.NOT_CANCELLABLE);
    }

    /** The end-of-shift upload that gives up after {@code giveUpAfter} failures in a row, or when cancelled. */
    public Uploader.Summary uploadNow(Duration limit, int giveUpAfter, java.util.function.BooleanSupplier cancelled)
            throws InterruptedException {
        Endpoint where = endpoint.get().orElseThrow(NotConfigured::new);
        running.lockInterruptibly();
        try {
            return new Uploader(queue, client(where), clock, sleeper, batchSize).uploadAll(limit, progress,
                    giveUpAfter, cancelled);
        } finally {
            running.unlock();
        }
    }

    /** How long a member's entry waits for the hub's coverage years before it counts as offline. */
    static final Duration HISTORY_TIMEOUT = Duration.ofSeconds(3);

    /**
     * The policy years the county hub holds live enrolments for, of one person (the ID number goes in
     * the body of an authenticated POST); empty when no hub is configured. Throws when the hub does
     * not answer within a few seconds: the counter then quotes with what it knows and says so.
     */
    public Optional<java.util.SortedSet<Integer>> coveredYears(String idNumber, String birthCertificateNo)
            throws IOException, InterruptedException {
        Optional<Endpoint> where = endpoint.get();
        if (where.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(historyClient(where.get()).coveredYears(idNumber, birthCertificateNo));
    }

    /** The client for history lookups, kept while the endpoint stays (an HTTP client holds threads). */
    private synchronized SyncClient historyClient(Endpoint where) {
        if (historyClient == null || !where.equals(historyEndpoint)) {
            historyClient = new SyncClient(where.hub(), where.token(), HISTORY_TIMEOUT, where.trust());
            historyEndpoint = where;
        }
        return historyClient;
    }

    private SyncClient historyClient;
    private Endpoint historyEndpoint;

    /**
     * Fetches the policy tables the hub serves that this counter lacks into the data folder's
     * {@code policy/} (they are used from the next start), when signed by the pinned county key.
     */
    public PolicyDownload.Result fetchPolicies() throws IOException, InterruptedException {
        return new PolicyDownload(client(endpoint.get().orElseThrow(NotConfigured::new)), countyKey.get())
                .into(policyFolder);
    }

    /**
     * One background round, when configured and the hub answers: fetch new policy tables, then upload
     * what is pending. Stands aside while another upload runs.
     */
    public Round uploadIfReachable(Duration limit) throws InterruptedException {
        Optional<Endpoint> where = endpoint.get();
        if (where.isEmpty()) {
            return new Round(Round.Outcome.NOT_CONFIGURED, null, null);
        }
        if (!running.tryLock()) {
            return new Round(Round.Outcome.BUSY, null, null);
        }
        try {
            SyncClient client = client(where.get());
            PolicyDownload.Result policies;
            try {
                client.checkHealth();
                policies = new PolicyDownload(client, countyKey.get()).into(policyFolder);
            } catch (IOException unreachable) {
                return new Round(Round.Outcome.UNREACHABLE, null, String.valueOf(unreachable.getMessage()));
            }
            if (queue.pending() == 0) {
                return new Round(Round.Outcome.NOTHING_PENDING, null, null, policies);
            }
            Uploader.Summary summary = new Uploader(queue, client, clock, sleeper, batchSize).uploadAll(limit,
                    progress);
            return new Round(Round.Outcome.UPLOADED, summary, null, policies);
        } finally {
            running.unlock();
        }
    }

    /** Runs a background round every {@code every} (first after {@code first}); each result goes to {@code after}. */
    public void startBackground(Duration first, Duration every, Duration limit, Consumer<Round> after) {
        timer.scheduleWithFixedDelay(() -> {
            try {
                after.accept(uploadIfReachable(limit));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // a failing round (database busy, a bug) must not end the schedule: report it and go on
                after.accept(new Round(Round.Outcome.UNREACHABLE, null, e.toString()));
            }
        }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private SyncClient client(Endpoint where) {
        return new SyncClient(where.hub(), where.token(), timeout, where.trust());
    }

    /** No hub address or no token yet. */
    public static final class NotConfigured extends IllegalStateException {
        public NotConfigured() {
            super("hub address or device token not set");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
