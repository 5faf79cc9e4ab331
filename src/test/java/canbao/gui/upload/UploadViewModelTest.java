package canbao.gui.upload;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.store.Database;
import canbao.store.OutboxQueue;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import canbao.sync.UploadService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection settings of 上传: checked before anything is kept, with the error next to the field. */
class UploadViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private WorkplaceSettings settings;
    private UploadService uploads;
    private UploadViewModel viewModel;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        settings = new WorkplaceSettings(database);
        Workplace workplace = new Workplace("兴义镇", "500230", "王芳");
        settings.save(workplace);
        OutboxQueue outbox = new OutboxQueue(database, workplace, settings.deviceId().orElseThrow(), Clock.systemUTC());
        uploads = new UploadService(outbox, () -> settings.hubUrl().flatMap(url -> settings.hubToken()
                .map(token -> new UploadService.Endpoint(URI.create(url), token))), Clock.systemUTC(), wait -> { },
                100, Duration.ofSeconds(1), folder.resolve("policy"), settings::countyKey);
        viewModel = new UploadViewModel(uploads, outbox, settings, new CurrentThreadTaskExecutor(),
                Clock.systemUTC(), Localization.CHINESE, true, "wangfang", household -> { });
        viewModel.load();
    }

    @AfterEach
    void close() {
        uploads.close();
        database.close();
    }

    @Test
    void hubAddressWithoutSchemeAndMissingTokenAreNamedAndNothingIsKept() {
        assertEquals("还未设置汇总端地址和设备令牌", viewModel.connectionProperty().get());
        viewModel.hubUrlProperty().set("10.1.2.3:8080");

        assertFalse(viewModel.saveConnection());

        assertEquals("汇总端地址应以 http:// 或 https:// 开头并写明主机，例如 http://10.1.2.3:8080",
                viewModel.errors().get("hubUrl"));
        assertEquals("请输入区县发给本机的设备令牌", viewModel.errors().get("token"));
        assertEquals(Optional.empty(), settings.hubUrl());
        assertEquals(Optional.empty(), settings.hubToken());
    }

    @Test
    void onlyAnAdministratorChangesWhereTheRecordsAreSent() {
        settings.saveHubUrl("http://10.1.2.3:8080");
        settings.saveHubToken("abc123");
        OutboxQueue outbox = new OutboxQueue(database, new Workplace("兴义镇", "500230", "zhaoqiang"),
                settings.deviceId().orElseThrow(), Clock.systemUTC());
        UploadViewModel cadre = new UploadViewModel(uploads, outbox, settings, new CurrentThreadTaskExecutor(),
                Clock.systemUTC(), Localization.CHINESE, false, "zhaoqiang", household -> { });
        cadre.load();
        assertFalse(cadre.configurableProperty().get());
        cadre.hubUrlProperty().set("http://203.0.113.9:8080");
        cadre.tokenProperty().set("other-token");

        assertFalse(cadre.saveConnection());
        assertEquals("只有管理员可以更改汇总端地址和设备令牌", cadre.statusProperty().get());
        assertEquals(Optional.of("http://10.1.2.3:8080"), settings.hubUrl());
        assertEquals(Optional.of("abc123"), settings.hubToken());
        assertTrue(viewModel.configurableProperty().get(), "the administrator's screen may");
    }

    @Test
    void aSavedTokenIsKeptWhenTheFieldIsLeftEmpty() {
        viewModel.hubUrlProperty().set("http://10.1.2.3:8080");
        viewModel.tokenProperty().set(" abc123 ");
        assertTrue(viewModel.saveConnection());
        assertEquals(Optional.of("abc123"), settings.hubToken());
        assertEquals("", viewModel.tokenProperty().get(), "the token is not left on screen");
        assertEquals("已保存（更换时重新输入）", viewModel.tokenPromptProperty().get());

        viewModel.hubUrlProperty().set("https://hub.example:8443");
        assertTrue(viewModel.saveConnection());

        assertNull(viewModel.errors().get("token"));
        assertEquals(Optional.of("https://hub.example:8443"), settings.hubUrl());
        assertEquals(Optional.of("abc123"), settings.hubToken());
    }

    @Test
    void connectivityCheckOfAnUnreachableHubSaysWhy() {
        viewModel.hubUrlProperty().set("http://127.0.0.1:1");
        viewModel.tokenProperty().set("abc123");

        viewModel.check();

        assertTrue(viewModel.connectionProperty().get().startsWith("连不上汇总端："),
                viewModel.connectionProperty().get());
    }

    /** Issue 20, defect 1: a 村干部 presses 立即上传 with the connection the administrator saved. */
    @Test
    void aVillageCadreUploadsWithTheConnectionTheAdministratorSaved() throws Exception {
        canbao.hub.Hub hub = canbao.hub.Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        try (canbao.hub.HubServer server = new canbao.hub.HubServer(hub, "127.0.0.1", 0,
                canbao.hub.HubServer.DEFAULT_MAX_BATCH_BYTES).start()) {
            settings.saveHubUrl("http://127.0.0.1:" + server.port());
            settings.saveHubToken(hub.registerDevice("兴义镇-1"));
            long queued = enrolOneFamily();
            UploadViewModel cadre = cadre();
            cadre.hubUrlProperty().set("http://203.0.113.9:8080"); // typed, but not his to change

            cadre.uploadNow();

            assertEquals("上传完成：新上传" + queued + "条，重复0条，被退回0条，冲突0条，仍待上传0条",
                    cadre.statusProperty().get());
            assertEquals(Optional.of("http://127.0.0.1:" + server.port()), settings.hubUrl());
        } finally {
            hub.close();
        }
    }

    /** Issue 20, defect 3: no hub → said in Chinese within seconds, nothing called 完成, records kept. */
    @Test
    void uploadWithNoHubSaysSoInWordsAtOnceAndKeepsTheRecords() {
        settings.saveHubUrl("http://127.0.0.1:1");
        settings.saveHubToken("abc123");
        long queued = enrolOneFamily();
        UploadViewModel cadre = cadre();
        long started = System.nanoTime();

        cadre.uploadNow();

        assertTrue(System.nanoTime() - started < java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
        assertEquals("这次没有发送成功：汇总端拒绝连接（没有运行，或地址、端口不对），记录仍在本机待传",
                cadre.statusProperty().get());
        assertFalse(cadre.busyProperty().get());
        assertEquals((Long) queued, database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM outbox WHERE status = 'pending'").mapTo(Long.class).one()));
    }

    @Test
    void aCadreWithNoSavedConnectionIsToldToAskTheAdministrator() {
        UploadViewModel cadre = cadre();

        cadre.uploadNow();

        assertEquals("汇总端地址和设备令牌由管理员设置，请联系管理员", cadre.statusProperty().get());
    }

    private UploadViewModel cadre() {
        OutboxQueue outbox = new OutboxQueue(database, new Workplace("兴义镇", "500230", "zhaoqiang"),
                settings.deviceId().orElseThrow(), Clock.systemUTC());
        UploadViewModel cadre = new UploadViewModel(uploads, outbox, settings, new CurrentThreadTaskExecutor(),
                Clock.systemUTC(), Localization.CHINESE, false, "zhaoqiang", household -> { });
        cadre.load();
        return cadre;
    }

    /** Saves a family with one enrolment; returns how many records wait in the outbox. */
    private long enrolOneFamily() {
        canbao.service.HouseholdService households = new canbao.service.HouseholdService(database,
                canbao.policy.PolicyLibrary.builtIn(), new canbao.policy.QuoteEngine(Localization.CHINESE),
                Clock.systemUTC());
        assertTrue(households.save(new canbao.service.HouseholdEntry("0012", "兴义村", "3组", null, null,
                java.util.List.of(new canbao.service.HouseholdEntry.Member("张三", "500230198003151079", null, null,
                        "户主", "汉", java.util.List.of(), null, null, new canbao.service.HouseholdEntry.EnrollmentRequest(
                        2022, 1, java.time.LocalDate.of(2022, 1, 10), "R1", null, null)))), "zhaoqiang").isValid());
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE status = 'pending'")
                .mapTo(Long.class).one());
    }
}
