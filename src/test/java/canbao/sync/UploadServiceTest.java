package canbao.sync;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.OutboxQueue;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The background rounds and the single-flight upload, against a real hub on 127.0.0.1. */
class UploadServiceTest {

    @TempDir
    Path folder;

    private Database counter;
    private OutboxQueue queue;
    private Hub hub;
    private HubServer server;
    private final AtomicReference<Optional<UploadService.Endpoint>> endpoint = new AtomicReference<>(Optional.empty());
    private UploadService uploads;

    @BeforeEach
    void start() throws Exception {
        counter = Database.open(folder.resolve("counter"), TestKeys.KEY);
        WorkplaceSettings settings = new WorkplaceSettings(counter);
        Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
        settings.save(workplace);
        queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(), Clock.systemUTC());
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        uploads = new UploadService(queue, endpoint::get, Clock.systemUTC(), wait -> { }, 2, Duration.ofSeconds(5),
                folder.resolve("counter").resolve("policy"), Optional::empty);
    }

    @AfterEach
    void stop() throws Exception {
        uploads.close();
        server.close();
        hub.close();
        counter.close();
    }

    private void saveAHousehold() {
        HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(new HouseholdEntry.Member("张三",
                "500230198003151079", null, null, "户主", "汉", List.of(), null, null,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null)))), "王芳");
    }

    @Test
    void backgroundRoundDoesNothingUntilConfiguredAndSomethingIsPending() throws Exception {
        assertEquals(UploadService.Round.Outcome.NOT_CONFIGURED, uploads.uploadIfReachable(Duration.ofSeconds(5)).outcome());
        assertThrows(UploadService.NotConfigured.class, () -> uploads.uploadNow(Duration.ofSeconds(5)));

        endpoint.set(Optional.of(new UploadService.Endpoint(URI.create("http://127.0.0.1:" + server.port()),
                hub.registerDevice("兴义镇-1"))));

        assertEquals(UploadService.Round.Outcome.NOTHING_PENDING,
                uploads.uploadIfReachable(Duration.ofSeconds(5)).outcome());
    }

    @Test
    void backgroundRoundSkipsAnUnreachableHubAndUploadsOnceItAnswers() throws Exception {
        saveAHousehold();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String token = hub.registerDevice("兴义镇-1");
        endpoint.set(Optional.of(new UploadService.Endpoint(URI.create("http://127.0.0.1:" + closedPort), token)));

        UploadService.Round offline = uploads.uploadIfReachable(Duration.ofSeconds(5));
        assertEquals(UploadService.Round.Outcome.UNREACHABLE, offline.outcome());
        assertEquals(3, queue.pending(), "nothing was marked as tried: the round only checked the hub");
        assertThrows(IOException.class, uploads::check);

        endpoint.set(Optional.of(new UploadService.Endpoint(URI.create("http://127.0.0.1:" + server.port()), token)));
        List<long[]> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
        uploads.onProgress((done, total) -> progress.add(new long[] {done, total}));
        UploadService.Round online = uploads.uploadIfReachable(Duration.ofSeconds(5));

        assertEquals(UploadService.Round.Outcome.UPLOADED, online.outcome());
        assertEquals(3, online.summary().uploaded());
        assertEquals(0, queue.pending());
        assertEquals(List.of("2/3", "3/3"), progress.stream().map(p -> p[0] + "/" + p[1]).toList(),
                "batches of two: told after each");
    }

    @Test
    void backgroundRoundStandsAsideWhileAnotherUploadRuns() throws Exception {
        saveAHousehold();
        String token = hub.registerDevice("兴义镇-1");
        endpoint.set(Optional.of(new UploadService.Endpoint(URI.create("http://127.0.0.1:" + server.port()), token)));
        AtomicReference<UploadService.Round> during = new AtomicReference<>();
        uploads.onProgress((done, total) -> {
            if (during.get() == null) {
                Thread other = new Thread(() -> {
                    try {
                        during.set(uploads.uploadIfReachable(Duration.ofSeconds(5)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });

        Uploader.Summary summary = uploads.uploadNow(Duration.ofSeconds(5));

        assertEquals(UploadService.Round.Outcome.BUSY, during.get().outcome());
        assertEquals(3, summary.uploaded());
    }
}
