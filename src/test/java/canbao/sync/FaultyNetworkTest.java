package canbao.sync;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import canbao.policy.ResidentId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real hub behind a misbehaving network on 127.0.0.1: afterwards the hub holds exactly the
 * counter's records — none lost, none twice.
 */
class FaultyNetworkTest {

    private static final int HOUSEHOLDS = 40;

    @TempDir
    Path folder;

    private Database counter;
    private OutboxQueue queue;
    private Hub hub;
    private HubServer server;
    private final Random random = new Random(7);
    private final AtomicInteger failedRequests = new AtomicInteger();
    private final AtomicInteger droppedAfterStoring = new AtomicInteger();
    private final AtomicInteger tooSlow = new AtomicInteger();

    @BeforeEach
    void start() {
        counter = Database.open(folder.resolve("counter"), TestKeys.KEY);
        WorkplaceSettings settings = new WorkplaceSettings(counter);
        Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
        settings.save(workplace);
        HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        for (int h = 0; h < HOUSEHOLDS; h++) {
            List<HouseholdEntry.Member> members = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                String first17 = String.format("500230%04d0%d%02d%03d", 1960 + m * 10, 1 + m, 1 + h % 28, h);
                members.add(new HouseholdEntry.Member("成员" + m, first17 + ResidentId.checkCharacter(first17), null,
                        null, m == 0 ? "户主" : "家属", "汉", null, null, null,
                        new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null)));
            }
            assertTrue(households.save(new HouseholdEntry("F" + h, "兴义村", null, null, null, members), "王芳")
                    .isValid());
        }
        queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(), Clock.systemUTC());
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        hub.close();
        counter.close();
    }

    /** One request in three misbehaves: a 500, an answer lost after the hub stored it, or a stall. */
    private Handler faulty(Handler hubHandler) {
        return new Handler.Wrapper(hubHandler) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                int roll;
                synchronized (random) {
                    roll = random.nextInt(6);
                }
                switch (roll) {
                    case 0 -> {
                        failedRequests.incrementAndGet();
                        response.setStatus(500);
                        callback.succeeded();
                        return true;
                    }
                    case 1 -> {
                        // the hub does its work, then the connection drops before the answer arrives
                        droppedAfterStoring.incrementAndGet();
                        Callback dropped = Callback.from(() -> request.getConnectionMetaData().getConnection().close(),
                                failure -> request.getConnectionMetaData().getConnection().close());
                        Response silent = new Response.Wrapper(request, response) {
                            @Override
                            public void write(boolean last, java.nio.ByteBuffer content, Callback written) {
                                request.getConnectionMetaData().getConnection().close();
                                written.failed(new java.io.IOException("dropped"));
                            }
                        };
                        return super.handle(request, silent, dropped);
                    }
                    case 2 -> {
                        // slower than the client waits: it gives up and retries while the hub finishes
                        tooSlow.incrementAndGet();
                        Thread.sleep(1_200);
                        return super.handle(request, response, callback);
                    }
                    default -> {
                        return super.handle(request, response, callback);
                    }
                }
            }
        };
    }

    @Test
    void hubHoldsExactlyTheCountersRecordsAfterErrorsDropsAndTimeouts() throws Exception {
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES, this::faulty).start();
        SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + server.port()), hub.registerDevice("d"),
                Duration.ofMillis(800));
        Uploader uploader = new Uploader(queue, client, Clock.systemUTC(), wait -> { }, 10);
        long queued = queue.pending();

        Uploader.Summary summary = uploader.uploadAll(Duration.ofSeconds(120));

        assertEquals(0, summary.pending(), summary::toString);
        assertTrue(failedRequests.get() > 0 && droppedAfterStoring.get() > 0 && tooSlow.get() > 0,
                "every kind of fault happened: " + failedRequests + " " + droppedAfterStoring + " " + tooSlow);
        assertEquals(queued, summary.uploaded() + summary.duplicate());
        assertEquals(queued, hubCount("SELECT count(*) FROM sync_record"));
        // the very same records, not just as many: every key the counter queued is at the hub
        assertEquals(new java.util.TreeSet<>(counter.jdbi().withExtension(canbao.store.OutboxDao.class,
                canbao.store.OutboxDao::keys)), hubKeys());
        assertEquals(HOUSEHOLDS * 3L, hubCount("SELECT count(*) FROM hub_enrollment"));
        long delivered = counter.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM outbox WHERE status IN ('uploaded', 'duplicate')").mapTo(Long.class).one());
        assertEquals(queued, delivered);
    }

    private java.util.Set<String> hubKeys() throws Exception {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("hub.db"));
             var rs = connection.createStatement().executeQuery(
                     "SELECT entity || '/' || id || '@' || revision FROM sync_record")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private long hubCount(String sql) throws Exception {
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("hub.db"));
             var rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
