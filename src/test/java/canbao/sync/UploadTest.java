package canbao.sync;

import canbao.store.TestKeys;
import canbao.store.TestClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A counter's data folder uploading to a real hub on 127.0.0.1. */
class UploadTest {

    @TempDir
    Path folder;

    private Database counter;
    private OutboxQueue queue;
    private Hub hub;
    private HubServer server;
    private String token;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        counter = Database.open(folder.resolve("counter"), TestKeys.KEY);
        WorkplaceSettings settings = new WorkplaceSettings(counter);
        Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
        settings.save(workplace);
        HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        assertTrue(households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                member("张三", "500230198003151079", "户主"), member("李四", "500230198207073877", "配偶", "DIBAO"))),
                "王芳").isValid());
        queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(), Clock.systemUTC());
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        token = hub.registerDevice("兴义镇-1");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        hub.close();
        counter.close();
    }

    private static HouseholdEntry.Member member(String name, String idNumber, String relation, String... categories) {
        return new HouseholdEntry.Member(name, idNumber, null, null, relation, "汉",
                java.util.Arrays.stream(categories).map(c -> new HouseholdEntry.Category(c, "民政办", null)).toList(),
                null, null,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null));
    }

    private Uploader uploader(String withToken, int batchSize) {
        return uploader(withToken, batchSize, server.port(), Clock.systemUTC(), waits::add);
    }

    private Uploader uploader(String withToken, int batchSize, int port, Clock clock, Uploader.Sleeper sleeper) {
        SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + port), withToken, Duration.ofSeconds(5));
        return new Uploader(queue, client, clock, sleeper, batchSize);
    }

    private long hubRecords() {
        return count("jdbc:sqlite:" + folder.resolve("hub.db"), "SELECT count(*) FROM sync_record");
    }

    private long outbox(String status) {
        return counter.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE status = ?")
                .bind(0, status).mapTo(Long.class).one());
    }

    @Test
    void everythingPendingReachesTheHubOnceAndIsKeptWithItsReceipt() throws Exception {
        long queued = outbox("pending");

        Uploader.Summary summary = uploader(token, 2).uploadAll(Duration.ofSeconds(30));

        assertEquals(queued, summary.uploaded());
        assertEquals(0, summary.pending());
        assertNull(summary.stoppedBy());
        assertEquals(queued, hubRecords());
        assertEquals(queued, outbox("uploaded"));
        long receipts = counter.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM upload_receipt")
                .mapTo(Long.class).one());
        assertEquals((queued + 1) / 2, receipts, "one signed answer kept per batch of two");
        assertEquals(0, uploader(token, 2).uploadAll(Duration.ofSeconds(30)).uploaded(), "nothing left to send");

        // the device's own token reads its township's figures (without one: 401, HubServerTest)
        var stats = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/v1/stats"))
                .header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stats.statusCode());
        assertEquals(new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"stats":[{"township":"兴义镇","policyYear":2022,"households":1,"persons":2,"enrollments":2}]}"""),
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(stats.body()));
    }

    @Test
    void crashAfterTheHubAnsweredButBeforeMarkingResendsTheSameBatchAndNothingIsTwice() throws Exception {
        UploadBatch begun = queue.nextBatch(100).orElseThrow();
        BatchAnswer lostAnswer = new SyncClient(URI.create("http://127.0.0.1:" + server.port()), token,
                Duration.ofSeconds(5)).upload(begun);
        // the counter died here: the answer never reached its outbox

        Uploader.Summary summary = uploader(token, 100).uploadAll(Duration.ofSeconds(30));

        assertEquals(0, summary.pending());
        assertEquals(begun.records().size(), hubRecords());
        String kept = counter.jdbi().withHandle(h -> h.createQuery("SELECT signature FROM upload_receipt")
                .mapTo(String.class).one());
        assertEquals(lostAnswer.signature(), kept, "the hub answered the re-sent batch as before");
    }

    @Test
    void conflictingRecordIsParkedWithTheHubsReasonAndTheRestGoThrough() throws Exception {
        UploadBatch mine = queue.nextBatch(100).orElseThrow();
        SyncRecord first = mine.records().get(0);
        // another device already sent different content under the same id and revision
        new SyncClient(URI.create("http://127.0.0.1:" + server.port()), hub.registerDevice("other"),
                Duration.ofSeconds(5)).upload(new UploadBatch("other-batch", "other", "兴义镇", "李明",
                List.of(new SyncRecord(first.entity(), first.id(), first.revision(), "{\"tampered\":true}"))));

        Uploader.Summary summary = uploader(token, 100).uploadAll(Duration.ofSeconds(30));

        assertEquals(1, summary.conflict());
        assertEquals(mine.records().size() - 1, summary.uploaded());
        assertEquals(0, summary.pending());
        String reason = counter.jdbi().withHandle(h -> h.createQuery(
                "SELECT hub_message FROM outbox WHERE status = 'conflict'").mapTo(String.class).one());
        assertTrue(reason.contains("不同的内容"), reason);
    }

    @Test
    void refusedRecordIsListedWithItsHouseholdUntilANewerRevisionStandsForIt() throws Exception {
        UploadBatch mine = queue.nextBatch(100).orElseThrow();
        SyncRecord person = mine.records().stream().filter(r -> r.entity().equals("person")).findFirst()
                .orElseThrow();
        // other content went up earlier under this person's id and revision, from this very device (a record
        // only its own device may change, and a valid one: the hub refuses an ID number like "1" outright)
        String first17 = "50023019900101002";
        new SyncClient(URI.create("http://127.0.0.1:" + server.port()), token,
                Duration.ofSeconds(5)).upload(new UploadBatch("other-batch", "other", "兴义镇", "李明",
                List.of(new SyncRecord("person", person.id(), 1, "{\"household\":\"x\",\"idNumber\":\""
                        + first17 + canbao.policy.ResidentId.checkCharacter(first17) + "\"}"))));
        uploader(token, 100).uploadAll(Duration.ofSeconds(30));

        // the hub now holds the earlier person, without a birth date: the enrolment cannot be checked
        List<canbao.model.OutboxEntry> listed = queue.entries(false, 100);
        assertEquals(List.of("enrollment rejected MALFORMED", "person conflict CONFLICT"), listed.stream()
                .map(e -> e.entity() + " " + e.status() + " " + e.hubCode()).toList());
        canbao.model.OutboxEntry refused = listed.get(1);
        canbao.model.OutboxEntry enrolment = listed.get(0);
        assertTrue(refused.needsAttention());
        assertEquals("0012", refused.householdNumber());
        assertNotNull(refused.householdId());
        assertEquals(1L, queue.counts().get("conflict"));
        assertEquals(queue.entries(true, 100).size(), queue.counts().values().stream().mapToLong(Long::longValue)
                .sum(), "every row counted once");

        // the clerk opens the household and corrects the member: a new revision of the person
        HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        String[] who = counter.jdbi().withHandle(h -> h.createQuery("SELECT name, id_number FROM person WHERE id = ?")
                .bind(0, person.id()).map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)}).one());
        assertTrue(households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                new HouseholdEntry.Member(who[0], who[1], null, null, "户主", "回", List.of(), null, null, null))), "王芳")
                .isValid());

        assertEquals("superseded", queue.entries(true, 100).stream().filter(e -> e.seq() == refused.seq())
                .findFirst().orElseThrow().status());
        assertEquals(0L, queue.counts().get("conflict"));
        assertEquals(1L, queue.counts().get("superseded"));

        // the person's new revision goes up; then the clerk sends the refused enrolment again, unchanged
        uploader(token, 100).uploadAll(Duration.ofSeconds(30));
        assertEquals(1, queue.retry(List.of(enrolment.seq(), refused.seq())), "only a rejected record is resent");
        Uploader.Summary again = uploader(token, 100).uploadAll(Duration.ofSeconds(30));

        assertEquals(1, again.uploaded(), again::toString);
        assertTrue(queue.entries(false, 100).stream().noneMatch(canbao.model.OutboxEntry::needsAttention),
                () -> queue.entries(false, 100).toString());
    }

    @Test
    void unreachableHubIsRetriedWithGrowingWaitsUntilTheTimeLimitThenResumed() throws Exception {
        int port = server.port();
        server.close();
        // moves only when the uploader "sleeps": retries are counted, not waited for
        TestClock clock = new TestClock(java.time.Instant.parse("2026-11-22T10:00:00Z"), java.time.ZoneOffset.UTC);

        Uploader.Summary offline = uploader(token, 100, port, clock, wait -> {
            waits.add(wait);
            clock.advance(wait);
        }).uploadAll(Duration.ofSeconds(60));

        assertTrue(offline.pending() > 0);
        assertTrue(waits.size() >= 5, waits::toString);
        for (int i = 1; i < 5; i++) {
            // 0.5 s, 1 s, 2 s, 4 s, 8 s … each with up to half again of jitter: every wait at least the last
            assertTrue(waits.get(i).toMillis() >= (500L << i), waits::toString);
            assertTrue(waits.get(i).toMillis() <= (750L << i), waits::toString);
        }
        assertTrue(waits.stream().allMatch(wait -> wait.toMillis() <= 45_000), waits::toString);
        server = new HubServer(hub, "127.0.0.1", port, HubServer.DEFAULT_MAX_BATCH_BYTES).start();

        assertEquals(0, uploader(token, 100).uploadAll(Duration.ofSeconds(30)).pending());
        assertEquals(outbox("uploaded"), hubRecords());
    }

    @Test
    void aClerksUploadToAHubThatIsDownGivesUpAfterThreeTriesWithAReasonInWords() throws Exception {
        int port = server.port();
        server.close();
        long pending = outbox("pending");

        Uploader.Summary summary = uploader(token, 100, port, Clock.systemUTC(), waits::add)
                .uploadAll(Duration.ofMinutes(10), (done, total) -> { }, 3, () -> false);

        long waited = waits.stream().mapToLong(Duration::toMillis).sum();
        // two backoffs between three tries, 0.5 s and 1 s each with up to half again (in cancellable steps)
        assertTrue(waited >= 1500 && waited <= 2250, "two waits between three tries: " + waits);
        assertEquals("汇总端拒绝连接（没有运行，或地址、端口不对），记录仍在本机待传", summary.stoppedBy());
        assertEquals(pending, summary.pending());
        // every record of the batch keeps the reason in words, for the list on 上传 (was "null")
        assertEquals(java.util.Set.of(summary.stoppedBy()), queue.entries(true, 100).stream()
                .map(canbao.model.OutboxEntry::hubMessage).collect(java.util.stream.Collectors.toSet()));
        server = new HubServer(hub, "127.0.0.1", port, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
    }

    @Test
    void cancellingStopsAfterTheBatchOnTheWayAndKeepsTheRestPending() throws Exception {
        long queued = outbox("pending");
        java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

        Uploader.Summary summary = uploader(token, 1).uploadAll(Duration.ofSeconds(30),
                (done, total) -> answered.set(done), Integer.MAX_VALUE, () -> answered.get() >= 2);

        assertEquals("已取消上传：已发送的保留，其余记录仍在本机待传", summary.stoppedBy());
        assertEquals(2, summary.uploaded());
        assertEquals(queued - 2, summary.pending());
        assertEquals(2, hubRecords());
    }

    @Test
    void refusedTokenStopsAtOnceWithTheHubsReason() throws Exception {
        Uploader.Summary summary = uploader("wrong", 100).uploadAll(Duration.ofSeconds(30));

        assertNotNull(summary.stoppedBy());
        assertTrue(summary.stoppedBy().startsWith("401"), summary.stoppedBy());
        assertTrue(summary.pending() > 0);
        assertTrue(waits.isEmpty(), "a refused token is not retried");
    }

    private static long count(String url, String sql) {
        try (var connection = java.sql.DriverManager.getConnection(url);
             var rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
