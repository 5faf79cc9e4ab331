package canbao.sync;

import canbao.store.TestKeys;
import canbao.store.DataKey;
import canbao.account.Session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.ResidentId;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged {@code sync} killed (kill -9) in the middle of an upload, then run again. */
class KillDuringUploadIT {

    @TempDir
    Path folder;

    @Test
    void uploadKilledMidwayAndRestartedDeliversEveryRecordOnce() throws Exception {
        Path data = folder.resolve("counter");
        DataKey key;
        try (Session session = TestKeys.setUp(data)) {
            key = session.key();
            Database counter = session.database();
            HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            for (int h = 0; h < 100; h++) {
                List<HouseholdEntry.Member> members = new ArrayList<>();
                for (int m = 0; m < 3; m++) {
                    String first17 = String.format("500230%04d0%d%02d%03d", 1960 + m * 10, 1 + m, 1 + h % 28, h);
                    members.add(new HouseholdEntry.Member("成员" + m, first17 + ResidentId.checkCharacter(first17),
                            null, null, "家属", "汉", null, null, null, new HouseholdEntry.EnrollmentRequest(2022, 1,
                            LocalDate.of(2022, 1, 10), null, null, null)));
                }
                assertTrue(households.save(new HouseholdEntry("K" + h, "兴义村", null, null, null, members), "王芳")
                        .isValid());
            }
        }
        long queued = count(data, key, "SELECT count(*) FROM outbox");
        String hubUrl = "jdbc:sqlite:" + folder.resolve("hub.db");
        try (Hub hub = Hub.open(hubUrl, Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES,
                     KillDuringUploadIT::slow).start()) {
            String token = hub.registerDevice("兴义镇-1");
            String address = "http://127.0.0.1:" + server.port();

            Process first = sync(data, address, token);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (count(hubUrl, "SELECT count(*) FROM sync_record") < 100 && first.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(first.isAlive(), "the upload finished before it could be killed");
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            long before = count(hubUrl, "SELECT count(*) FROM sync_record");
            assertTrue(before > 0 && before < queued, "killed midway: " + before + " of " + queued);

            Process second = sync(data, address, token);
            assertTrue(second.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, second.exitValue(), new String(second.getInputStream().readAllBytes()));

            assertEquals(queued, count(hubUrl, "SELECT count(*) FROM sync_record"));
            assertEquals(300, count(hubUrl, "SELECT count(*) FROM hub_enrollment"));
            assertEquals(0, count(data, key, "SELECT count(*) FROM outbox WHERE status NOT IN ('uploaded', 'duplicate')"));
        }
    }

    /** Every request takes a while, so the upload is still running when it is killed. */
    private static Handler slow(Handler hub) {
        return new Handler.Wrapper(hub) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Thread.sleep(60);
                return super.handle(request, response, callback);
            }
        };
    }

    private static Process sync(Path data, String hub, String token) throws Exception {
        ProcessBuilder sync = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("canbao.jar", "target/canbao.jar"), "sync", "--data", data.toString(),
                "--user", TestKeys.ADMIN, "--hub", hub, "--batch-size", "10", "--time-limit", "90");
        sync.environment().put("CANBAO_PASSWORD", TestKeys.PASSWORD);
        sync.environment().put("CANBAO_HUB_TOKEN", token);
        return sync.redirectErrorStream(true).start();
    }

    private static long count(Path data, DataKey key, String sql) throws Exception {
        try (Connection connection = TestKeys.connect(data.resolve(Database.FILE_NAME), key);
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
