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
                100, Duration.ofSeconds(1), folder.resolve("policy"));
        viewModel = new UploadViewModel(uploads, outbox, settings, new CurrentThreadTaskExecutor(),
                Clock.systemUTC(), Localization.CHINESE, true, household -> { });
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
                Clock.systemUTC(), Localization.CHINESE, false, household -> { });
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
}
