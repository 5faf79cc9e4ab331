package canbao.gui.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.device.CardRead;
import canbao.device.CounterCardReader;
import canbao.device.FakeReaderLibrary;
import canbao.device.ReaderChoice;
import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.model.Role;
import canbao.account.Session;
import canbao.store.TestKeys;
import canbao.store.WorkplaceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 读卡器 without a window, on a real data folder: the administrator tries a reader and saves it (audited,
 * in use at once); a clerk may try, not save; the fields are checked; and against the gcc-built fake
 * vendor library, the trial says a card is missing or a port does not open, in words.
 */
class ReaderSettingsViewModelTest {

    private static final String ZHANG = "{\"name\":\"张三\",\"sex\":\"男\",\"birthDate\":\"1980-03-15\","
            + "\"idNumber\":\"500230198003151079\",\"validTo\":\"2035-06-01\"}\n";

    @TempDir
    Path folder;

    private Session session;
    private WorkplaceSettings settings;
    private CounterCardReader reader;

    @BeforeEach
    void setUp() {
        session = TestKeys.setUp(folder);
        settings = new WorkplaceSettings(session.database());
        reader = new CounterCardReader(settings.reader(), List.of(folder.resolve("reader")));
    }

    @AfterEach
    void tearDown() {
        reader.close();
        session.close();
    }

    private ReaderSettingsViewModel screen(String login, Role role) {
        return new ReaderSettingsViewModel(reader, settings, new CurrentThreadTaskExecutor(), login, role,
                Localization.CHINESE);
    }

    @Test
    void theAdministratorTriesTheSimulatedReaderSavesItAndTheCounterUsesItAtOnce() throws Exception {
        Path cards = folder.resolve("cards.jsonl");
        Files.writeString(cards, ZHANG);
        ReaderSettingsViewModel screen = screen(TestKeys.ADMIN, Role.ADMIN);
        assertEquals("当前使用：自动检测（已安装的厂商库）", screen.inUseProperty().get());
        assertEquals("", screen.closedText());

        screen.kindProperty().set(ReaderChoice.Kind.SIMULATED);
        screen.test();
        assertEquals("请先改正标出的项目", screen.testResultProperty().get());
        assertEquals("请填写模拟读卡文件", screen.errors().get("file"));

        screen.fileProperty().set(cards.toString());
        screen.test();
        assertEquals("读卡成功：张*（500230********1079），读卡器工作正常", screen.testResultProperty().get());
        assertEquals(ReaderChoice.AUTO, settings.reader(), "a trial saves nothing");

        screen.save();
        assertEquals("已保存：模拟读卡器（培训、演示），" + cards + "，立即生效（已记入审计日志）",
                screen.messageProperty().get());
        assertEquals(ReaderChoice.parse("simulated:" + cards), settings.reader());
        assertEquals(settings.reader(), reader.choice());
        assertEquals("500230198003151079", assertInstanceOf(CardRead.Card.class, reader.read()).card().idNumber());
        assertEquals(Integer.valueOf(1), session.database().jdbi().<Integer, RuntimeException>withHandle(handle -> handle.createQuery(
                "SELECT count(*) FROM audit_log WHERE entity = 'setting' AND entity_id = 'cardReader' AND operator = ?")
                .bind(0, TestKeys.ADMIN).mapTo(Integer.class).one()));

        // the file gone: the trial says so rather than "no reader"
        Files.delete(cards);
        screen.test();
        assertEquals("模拟读卡文件不存在：" + cards, screen.testResultProperty().get());
    }

    @Test
    void aClerkMayTryTheReaderButNotChangeIt() {
        assertTrue(session.accounts(Clock.systemUTC()).add("lijuan", "李娟", Role.CLERK, "guiyuan-2026".toCharArray(),
                "guiyuan-2026".toCharArray(), TestKeys.ADMIN).isValid());
        ReaderSettingsViewModel screen = screen("lijuan", Role.CLERK);
        assertFalse(screen.mayChangeProperty().get());
        String closed = "只有管理员可以更改读卡器设置；您当前的角色是柜员。您可以测试读卡；如需更换读卡器，请联系本乡镇的管理员。";
        assertEquals(closed, screen.closedText());

        screen.kindProperty().set(ReaderChoice.Kind.NONE);
        screen.test();
        assertEquals("已选择“不用读卡器”：身份证号手工输入，无需测试", screen.testResultProperty().get());
        screen.save();
        assertEquals(closed, screen.messageProperty().get());
        assertEquals(ReaderChoice.AUTO, settings.reader());
        assertEquals(ReaderChoice.AUTO, reader.choice());
        // and the store refuses a clerk whatever the screen does
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> settings.saveReader(ReaderChoice.NONE, "lijuan"));
    }

    @Test
    void aPortIsOneTheVendorsKnowAndALibraryNeedsAVendorFamily() {
        ReaderSettingsViewModel screen = screen(TestKeys.ADMIN, Role.ADMIN);
        screen.kindProperty().set(ReaderChoice.Kind.TERMB);
        screen.portProperty().set("2000");
        screen.libraryProperty().set("/opt/a;b/libtermb.so");
        screen.save();
        assertEquals("请先改正标出的项目", screen.messageProperty().get());
        assertEquals("端口须为 USB 1001–1016 或串口 1–16，留空则自动扫描", screen.errors().get("port"));
        assertEquals("路径不可用（路径中不能有分号;）", screen.errors().get("library"));
        assertEquals(ReaderChoice.AUTO, settings.reader());

        // a library left in the field is not kept for auto, where it means nothing
        screen.kindProperty().set(ReaderChoice.Kind.AUTO);
        screen.portProperty().set("1001");
        screen.save();
        assertEquals(ReaderChoice.parse("auto;port=1001"), settings.reader());
        assertEquals("当前使用：自动检测（已安装的厂商库），端口1001", screen.inUseProperty().get());
    }

    @Test
    void againstTheFakeVendorLibraryTheTrialSaysNoCardOrAPortThatDoesNotOpen() throws Exception {
        Path library = FakeReaderLibrary.build().resolve("libtermb.so");
        Path scenario = folder.resolve("scenario");
        Files.writeString(scenario, "nocard");
        ReaderSettingsViewModel screen = new ReaderSettingsViewModel(reader, settings, new CurrentThreadTaskExecutor(),
                TestKeys.ADMIN, Role.ADMIN, Localization.CHINESE, Map.of("CANBAO_FAKE_READER", scenario.toString()),
                Duration.ofSeconds(30));
        screen.kindProperty().set(ReaderChoice.Kind.TERMB);
        screen.libraryProperty().set(library.toString());
        screen.test();
        assertEquals("读卡器已连接，但读卡器上没有身份证：请放上一张身份证后再按“测试读卡”", screen.testResultProperty().get());

        screen.portProperty().set("1005");
        screen.test();
        assertEquals("端口1005打不开：读卡器不在该端口，或端口被其他程序占用（请关闭厂商自带的读卡软件后再试）",
                screen.testResultProperty().get());

        screen.portProperty().set("1003");
        Files.writeString(scenario, "x");
        screen.test();
        assertEquals("读卡成功：冉*（500230********224X），读卡器工作正常", screen.testResultProperty().get());

        screen.libraryProperty().set(folder.resolve("libtermb.so").toString());
        screen.test();
        assertEquals("找不到厂商的读卡库（" + folder.resolve("libtermb.so") + "）：请把厂商提供的库文件复制到数据文件夹的"
                + " reader 目录，或填写库文件的完整路径", screen.testResultProperty().get());
    }
}
