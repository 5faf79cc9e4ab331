package canbao.gui.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.HubTls;
import canbao.model.Localization;
import canbao.store.Database;
import canbao.store.OutboxQueue;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import canbao.sync.HubTrust;
import canbao.sync.UploadService;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 上传 against a real HTTPS hub on 127.0.0.1: the administrator fetches the certificate, reads the
 * fingerprint, confirms it, and uploads; another certificate and a revoked token are said on screen.
 */
class HubPinningViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private WorkplaceSettings settings;
    private UploadService uploads;
    private UploadViewModel admin;
    private Hub hub;
    private HubServer server;
    private HubTls.Made certificate;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(folder.resolve("counter"), TestKeys.KEY);
        settings = new WorkplaceSettings(database);
        settings.save(new Workplace("兴义镇", "500230", "wangfang"));
        // as the window builds it: address, token and trust read from the settings at every use
        uploads = new UploadService(outbox(), () -> settings.hubUrl().flatMap(url -> settings.hubToken()
                .map(token -> new UploadService.Endpoint(URI.create(url), token, settings.hubTrust()))),
                Clock.systemUTC(), wait -> { }, 100, Duration.ofSeconds(5), folder.resolve("policy"), settings::countyKey);
        admin = new UploadViewModel(uploads, outbox(), settings, new CurrentThreadTaskExecutor(), Clock.systemUTC(),
                Localization.CHINESE, true, "wangfang", household -> { });
        admin.load();
        certificate = HubTls.init(folder.resolve("hub-tls"), List.of("127.0.0.1"), Clock.systemUTC());
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
    }

    private OutboxQueue outbox() {
        return new OutboxQueue(database, new Workplace("兴义镇", "500230", "wangfang"),
                settings.deviceId().orElseThrow(), Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
        }
        hub.close();
        uploads.close();
        database.close();
    }

    private String serve(HubTls.Made served) throws Exception {
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES, UnaryOperator.identity(),
                HubTls.fromPem(served.certificate(), served.key())).start();
        return "https://127.0.0.1:" + server.port();
    }

    @Test
    void theAdministratorConfirmsTheFingerprintAndThenUploadsOverHttps() throws Exception {
        String url = serve(certificate);
        admin.hubUrlProperty().set(url);
        admin.tokenProperty().set(hub.registerDevice("兴义镇-1", "兴义镇"));
        assertEquals("还没有确认汇总端证书", admin.certificateProperty().get());

        assertTrue(admin.saveConnection());
        assertEquals(Localization.text(Localization.CHINESE, "hubTrust.notPinned"), admin.connectionProperty().get(),
                "said at once: nothing will go until the certificate is confirmed");
        admin.fetchCertificate();
        assertEquals("汇总端出示的证书 SHA-256 指纹：\n" + certificate.fingerprint()
                + "\n请打电话念给区县医保局核对，每一组都一致才按“确认证书”", admin.certificateProperty().get());
        assertTrue(admin.confirmableProperty().get());
        assertTrue(admin.confirmCertificate());

        assertEquals("已确认的汇总端证书：" + certificate.fingerprint(), admin.certificateProperty().get());
        assertEquals(certificate.fingerprint(), settings.hubTrust().pin().fingerprint());
        assertEquals("wangfang", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT operator FROM audit_log WHERE entity = 'setting' AND entity_id = 'hubPin'")
                .mapTo(String.class).one()), "who confirmed which certificate is in the audit log");
        long queued = UploadViewModelTestFamilies.enrolOneFamily(database);
        admin.uploadNow();
        assertEquals("上传完成：新上传" + queued + "条，重复0条，被退回0条，冲突0条，仍待上传0条", admin.statusProperty().get());
    }

    @Test
    void anotherCertificateIsRefusedOnScreenAndTheRecordsStay() throws Exception {
        HubTls.Made other = HubTls.init(folder.resolve("other-tls"), List.of("127.0.0.1"), Clock.systemUTC());
        String url = serve(other);
        settings.saveHubUrl(url);
        settings.saveHubToken(hub.registerDevice("兴义镇-1", "兴义镇"));
        settings.saveHubPin(new HubTrust.Pin(HubTrust.Pin.Kind.CERTIFICATE,
                HubTls.certificates(certificate.certificate()).get(0)), "wangfang", Clock.systemUTC().instant());
        long queued = UploadViewModelTestFamilies.enrolOneFamily(database);
        admin.load();

        admin.uploadNow();

        assertEquals("这次没有发送成功：汇总端出示的证书与本机确认过的不一致（出示的证书指纹 " + other.fingerprint()
                + "）：已拒绝连接，没有发送任何记录。可能连到了冒充汇总端的服务器，也可能区县更换了证书：请打电话向区县医保局核对指纹，"
                + "再由管理员在上传页确认新证书", admin.statusProperty().get());
        assertEquals((Long) queued, database.jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM outbox WHERE status = 'pending'").mapTo(Long.class).one()));
    }

    @Test
    void aRevokedTokenIsSaidOnTheUploadScreen() throws Exception {
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        settings.saveHubUrl("http://127.0.0.1:" + server.port());
        settings.saveHubToken(hub.registerDevice("兴义镇-1", "兴义镇"));
        hub.revokeDevice("兴义镇-1");
        UploadViewModelTestFamilies.enrolOneFamily(database);
        admin.load();

        admin.uploadNow();

        assertEquals("这次没有发送成功：401: 本设备（兴义镇-1）的令牌已被区县停用：请向区县医保局申请新的设备令牌，记录仍在本机待传",
                admin.statusProperty().get());
        assertFalse(admin.busyProperty().get());
    }

    @Test
    void plainHttpToAnotherMachineIsAllowedOnlyByTheAdministratorAndAudited() {
        admin.hubUrlProperty().set("http://192.0.2.1:8080");
        admin.tokenProperty().set("abc123");

        assertTrue(admin.saveConnection());
        assertEquals(Localization.text(Localization.CHINESE, "hubTrust.plainHttp"), admin.connectionProperty().get());
        assertFalse(settings.hubTrust().plainHttpAllowed());

        admin.allowPlainHttpProperty().set(true);
        assertTrue(admin.saveConnection());
        assertTrue(settings.hubTrust().plainHttpAllowed());
        assertEquals("wangfang", database.jdbi().withHandle(h -> h.createQuery(
                "SELECT operator FROM audit_log WHERE entity = 'setting' AND entity_id = 'hubPlainHttpAllowed' "
                        + "AND after = '{\"plainHttpAllowed\":true}'").mapTo(String.class).one()));
    }
}
