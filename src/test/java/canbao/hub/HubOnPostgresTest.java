package canbao.hub;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.OutboxQueue;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import canbao.sync.SyncClient;
import canbao.sync.Uploader;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub's rules on a real PostgreSQL server, the store a county may choose instead of SQLite. */
class HubOnPostgresTest extends HubContract {

    private String url;

    @Override
    protected String url() throws Exception {
        if (url == null) {
            url = TestPostgres.emptyDatabase();
        }
        return url;
    }

    /** Every column of every device row, as PostgreSQL returns them. */
    @Override
    protected String storedDeviceData() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name, token_hash, created_at FROM device")) {
            while (rows.next()) {
                text.append(rows.getString(1)).append(' ').append(rows.getString(2)).append(' ')
                        .append(rows.getString(3)).append('\n');
            }
        }
        return text.toString();
    }

    @Override
    protected void empty() throws Exception {
        TestPostgres.emptyDatabase();
    }

    @TempDir
    Path folder;

    @Test
    void counterUploadsOverHttpToAHubOnPostgres() throws Exception {
        try (Database counter = Database.open(folder, TestKeys.KEY)) {
            WorkplaceSettings settings = new WorkplaceSettings(counter);
            Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
            settings.save(workplace);
            HouseholdService households = new HouseholdService(counter, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                    new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", "汉", List.of(), null,
                            null, new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null,
                            null)))), "王芳");
            OutboxQueue queue = new OutboxQueue(counter, workplace, settings.deviceId().orElseThrow(),
                    Clock.systemUTC());
            long queued = queue.pending();
            try (HubServer server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
                SyncClient client = new SyncClient(URI.create("http://127.0.0.1:" + server.port()),
                        hub.registerDevice("兴义镇-1"), Duration.ofSeconds(10));
                Uploader.Summary summary = new Uploader(queue, client, Clock.systemUTC(), wait -> { }, 2)
                        .uploadAll(Duration.ofSeconds(30));

                assertEquals(queued, summary.uploaded());
                assertEquals(0, summary.pending());
            }
        }
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM sync_record")) {
            rows.next();
            assertEquals(3, rows.getLong(1), "household, person and enrolment, once each");
        }
        assertEquals(List.of(Map.of("township", "兴义镇", "policyYear", 2022, "households", 1L, "persons", 1L,
                "enrollments", 1L)), hub.stats());
    }
}
