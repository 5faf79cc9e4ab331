package canbao.gui.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.CountyKeyFiles;
import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.policy.CountyKey;
import canbao.store.OutboxQueue;
import canbao.account.Session;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import canbao.sync.UploadService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 上传's county key: the administrator loads the county's key file, reads its fingerprint with the
 * county by phone and types it; only the right fingerprint pins the key.
 */
class CountyKeyPinTest {

    @TempDir
    Path folder;

    private Session session;
    private WorkplaceSettings settings;
    private UploadService uploads;
    private CountyKey countyKey;
    private Path keyFile;

    @BeforeEach
    void open() throws Exception {
        session = TestKeys.setUp(folder.resolve("counter"));
        settings = new WorkplaceSettings(session.database());
        countyKey = CountyKeyFiles.init(folder.resolve("county"), "潼南区医疗保障局", 2023, 2030);
        keyFile = folder.resolve("county").resolve(CountyKeyFiles.KEY_DOCUMENT);
        uploads = new UploadService(new OutboxQueue(session.database(), new Workplace("兴义镇", "500230",
                TestKeys.ADMIN), settings.deviceId().orElseThrow(), Clock.systemUTC()), Optional::empty,
                Clock.systemUTC(), wait -> { }, 100, Duration.ofSeconds(1), folder.resolve("policy"),
                settings::countyKey);
    }

    @AfterEach
    void close() {
        uploads.close();
        session.close();
    }

    private UploadViewModel screen(boolean administrator, String login) {
        UploadViewModel viewModel = new UploadViewModel(uploads, new OutboxQueue(session.database(),
                new Workplace("兴义镇", "500230", login), settings.deviceId().orElseThrow(), Clock.systemUTC()),
                settings, new CurrentThreadTaskExecutor(), Clock.systemUTC(), Localization.CHINESE, administrator,
                login, household -> { });
        viewModel.load();
        return viewModel;
    }

    @Test
    void theKeyIsPinnedOnlyWithTheFingerprintTheCountyReadOut() {
        UploadViewModel viewModel = screen(true, TestKeys.ADMIN);
        assertTrue(viewModel.countyKeyProperty().get().startsWith("尚未认定区县公钥"));

        viewModel.loadCountyKey(keyFile);
        assertEquals("潼南区医疗保障局的公钥文件（可签2023—2030年度），指纹 " + countyKey.fingerprint()
                + "。请打电话给区县医保局，按对方念出的指纹输入", viewModel.countyKeyCandidateProperty().get());
        viewModel.countyKeyFingerprintProperty().set(countyKey.fingerprint().substring(0, 75) + "0000");
        assertFalse(viewModel.pinCountyKey());
        assertEquals("与该公钥文件的指纹不符，未认定；请与区县医保局核对是否为其公钥文件",
                viewModel.errors().get("countyKeyFingerprint"));
        assertEquals(Optional.empty(), settings.countyKey());

        // read out by phone: lower case, no spaces
        viewModel.countyKeyFingerprintProperty().set(countyKey.fingerprint().replace(" ", "").toLowerCase());
        assertTrue(viewModel.pinCountyKey());

        assertEquals(countyKey.fingerprint(), settings.countyKey().orElseThrow().fingerprint());
        assertEquals("潼南区医疗保障局（可签2023—2030年度），指纹 " + countyKey.fingerprint(),
                viewModel.countyKeyProperty().get());
        assertEquals(null, viewModel.errors().get("countyKeyFingerprint"));
    }

    @Test
    void aFileThatIsNotAKeyIsSaidAndNothingCanBePinned() throws Exception {
        UploadViewModel viewModel = screen(true, TestKeys.ADMIN);
        Path notAKey = Files.writeString(folder.resolve("2027.json"), "{\"policyYear\": 2027}");

        viewModel.loadCountyKey(notAKey);

        assertEquals(notAKey + ": policyYear: 未知字段（请检查拼写）", viewModel.countyKeyCandidateProperty().get());
        assertFalse(viewModel.countyKeyLoadedProperty().get());
        assertFalse(viewModel.pinCountyKey());
        assertEquals("请先载入区县医保局的公钥文件", viewModel.errors().get("countyKeyFingerprint"));
    }

    @Test
    void onlyAnAdministratorPinsTheKey() {
        UploadViewModel cadre = screen(false, "zhaoqiang");

        cadre.loadCountyKey(keyFile);

        assertFalse(cadre.pinCountyKey());
        assertEquals("只有管理员可以认定区县公钥", cadre.statusProperty().get());
        assertEquals(Optional.empty(), settings.countyKey());
    }
}
