package canbao.gui.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.device.ReaderChoice;
import canbao.gui.CanbaoApp;
import canbao.gui.SignInScreen;
import canbao.model.Role;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 读卡器, headless, in the whole window: the administrator chooses the simulated reader with the keyboard,
 * names its card file, tests it (the card on it is read, masked), saves, and 家庭参保登记 reads the card at
 * once; a 柜员 sees the setting, closed to him, and why.
 */
class ReaderSettingsScreenTest {

    private static final String CLERK = "lijuan";
    private static final String CLERK_PASSWORD = "guiyuan-2026";
    private static final String ZHANG = "{\"name\":\"张三\",\"sex\":\"男\",\"ethnicity\":\"汉\",\"birthDate\":\"1980-03-15\","
            + "\"idNumber\":\"500230198003151079\",\"validTo\":\"2035-06-01\"}\n";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        try (Session session = TestKeys.setUp(folder)) {
            assertTrue(session.accounts(Clock.systemUTC()).add(CLERK, "李娟", Role.CLERK, CLERK_PASSWORD.toCharArray(),
                    CLERK_PASSWORD.toCharArray(), TestKeys.ADMIN).isValid());
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.toString(),
                "--today", "2022-01-10", "--background-upload-every", "3600");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void theAdministratorChoosesTestsAndSavesTheSimulatedReaderWhichTheCounterUsesAtOnce() throws Exception {
        Path cards = folder.resolve("cards.jsonl");
        Files.writeString(cards, ZHANG);
        SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("家庭参保登记");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#readerStatusLabel").equals("未找到读卡器"));
        robot.clickOn("读卡器");
        assertEquals("当前使用：自动检测（已安装的厂商库）", text("#inUseLabel"));
        assertTrue(!screen().lookup("#closedLabel").queryAs(Label.class).isVisible(), "open to an administrator");

        // keyboard: the reader's list, three down: 自动检测 → termb → sdtapi → 模拟读卡器
        ComboBox<?> kinds = screen().lookup("#kindChoice").queryAs(ComboBox.class);
        robot.interact(kinds::requestFocus);
        robot.type(KeyCode.DOWN, 3);
        assertEquals(ReaderChoice.Kind.SIMULATED, kinds.getValue());
        TextField file = screen().lookup("#fileField").queryAs(TextField.class);
        assertTrue(!file.isDisabled(), "the card file is asked for the simulated reader");
        assertTrue(screen().lookup("#portField").queryAs(TextField.class).isDisabled(), "no port for it");
        robot.type(KeyCode.TAB);
        assertTrue(file.isFocused(), "Tab reaches the card file: the port and library fields are passed over");
        robot.interact(() -> file.setText(cards.toString()));
        // Enter in the form tests the reader
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#testResultLabel").startsWith("读卡成功"));
        assertEquals("读卡成功：张*（500230********1079），读卡器工作正常", text("#testResultLabel"));

        click("#saveButton");
        assertEquals("已保存：模拟读卡器（培训、演示），" + cards + "，立即生效（已记入审计日志）", text("#messageLabel"));
        assertEquals("当前使用：模拟读卡器（培训、演示），" + cards, text("#inUseLabel"));

        // the counter's screens read from the saved reader now, without signing in again
        robot.clickOn("家庭参保登记");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "张三".equals(screen().lookup("#nameField").queryAs(TextField.class).getText()));
        assertEquals("500230198003151079", screen().lookup("#idNumberField").queryAs(TextField.class).getText());
    }

    @Test
    void aClerkSeesTheSettingClosedAndWhy() throws Exception {
        SignInScreen.signIn(robot, CLERK, CLERK_PASSWORD);
        robot.clickOn("读卡器");
        Label closed = screen().lookup("#closedLabel").queryAs(Label.class);
        assertTrue(closed.isVisible());
        assertEquals("只有管理员可以更改读卡器设置；您当前的角色是柜员。您可以测试读卡；如需更换读卡器，请联系本乡镇的管理员。",
                closed.getText());
        assertTrue(screen().lookup("#saveButton").queryAs(Button.class).isDisabled());
        assertTrue(screen().lookup("#kindChoice").queryAs(ComboBox.class).isDisabled());
        assertTrue(screen().lookup("#portField").queryAs(TextField.class).isDisabled());
        // testing the reader in use is open to him: auto, and no vendor library installed on this machine
        click("#testButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#testResultLabel").startsWith("找不到"));
        assertTrue(text("#testResultLabel").startsWith("找不到厂商的读卡库（libtermb.so、termb.dll"), text("#testResultLabel"));
    }

    private org.testfx.service.query.NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private void click(String query) {
        robot.clickOn(screen().lookup(query).queryAs(Node.class));
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
