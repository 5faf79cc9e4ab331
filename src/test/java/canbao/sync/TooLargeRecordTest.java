package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: "one record of 5 MB (no length limit on 认定部门 in enroll) made every later sync stop at 413
 * for good". The counter now refuses the long field where every field is checked; and a record already
 * queued that the hub finds too large even alone is parked with the hub's reason while the rest go up.
 */
class TooLargeRecordTest {

    @TempDir
    Path folder;

    private static HouseholdEntry household(String number, String name, String idNumber, String certifiedBy) {
        return new HouseholdEntry(number, "兴义村", "3组", null, null, List.of(new HouseholdEntry.Member(name, idNumber,
                null, null, "户主", "汉", List.of(new HouseholdEntry.Category("DIBAO", certifiedBy, null)), null, null,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null))));
    }

    @Test
    void aLongCertifyingOfficeIsRefusedAtTheCounter() throws Exception {
        try (Database counter = Database.open(folder.resolve("counter"), TestKeys.KEY)) {
            HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());

            var saved = households.save(household("0012", "张三", "500230198003151079", "民".repeat(5_000_000)),
                    "王芳");

            assertFalse(saved.isValid());
            assertEquals(List.of("members[0].categories[0].certifiedBy: 不能超过50个字"),
                    saved.problems().stream().map(p -> p.describe(Localization.CHINESE)).toList());
        }
    }

    @Test
    void aRecordTooLargeAloneIsParkedWithTheHubsReasonAndTheRestGoUp() throws Exception {
        try (Database counter = Database.open(folder.resolve("counter"), TestKeys.KEY);
             Hub hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
             HubServer server = new HubServer(hub, "127.0.0.1", 0, 64 * 1024).start()) {
            WorkplaceSettings settings = new WorkplaceSettings(counter);
            Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
            settings.save(workplace);
            HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            assertTrue(households.save(household("0012", "张三", "500230198003151079", "民政办"), "王芳").isValid());
            // queued by a version without the limit: 200 KB that does not compress, over the hub's 64 KB
            StringBuilder noise = new StringBuilder();
            Random random = new Random(13);
            for (int i = 0; i < 200_000; i++) {
                noise.append((char) ('a' + random.nextInt(26)));
            }
            counter.jdbi().useHandle(h -> h.execute("INSERT INTO outbox (entity, entity_id, revision, payload, queued_at)"
                    + " VALUES ('person_category', 'c-big', 1, ?, '2022-01-10T08:00:00Z')",
                    "{\"id\":\"c-big\",\"certifiedBy\":\"" + noise + "\"}"));
            assertTrue(households.save(household("0013", "李四", "500230198207073877", "民政办"), "王芳").isValid());
            long queued = counter.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox")
                    .mapTo(Long.class).one());
            OutboxQueue queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(),
                    Clock.systemUTC());
            SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + server.port()),
                    hub.registerDevice("兴义镇-1"), Duration.ofSeconds(10));

            Uploader.Summary summary = new Uploader(queue, client, Clock.systemUTC(), d -> { }, 500)
                    .uploadAll(Duration.ofSeconds(60));

            assertEquals(null, summary.stoppedBy(), "the queue went on");
            assertEquals(0, summary.pending());
            assertEquals(1, summary.rejected());
            assertEquals(queued - 1, summary.uploaded());
            var parked = counter.jdbi().withHandle(h -> h.createQuery(
                    "SELECT hub_code || ' ' || hub_message FROM outbox WHERE status = 'rejected'")
                    .mapTo(String.class).list());
            assertEquals(List.of("TOO_LARGE 这条记录单独上传也超过汇总端的上限，已暂停上传：413: 上传批次超过65536字节，请分批上传。"
                    + "请打开该户把过长的内容改短后再上传"), parked);
            assertTrue(queue.entries(false, 10).stream().anyMatch(e -> e.status().equals("rejected")),
                    "listed for the clerk on the upload screen");
        }
    }
}
