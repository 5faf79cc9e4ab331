package canbao.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Role;
import canbao.account.Keyring;
import canbao.account.SignIn;
import java.time.Clock;
import canbao.store.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real application headless (Monocle) on a data folder: first run, sign-in, accounts. */
class CanbaoAppTest {

    @TempDir
    Path folder;

    private final AppFixture app = new AppFixture();

    @AfterEach
    void stop() throws Exception {
        app.stop();
    }

    @Test
    void firstRunMakesTheAdministratorAndTheEncryptedDataThenOpensTheMainWindow() throws Exception {
        app.start(folder);

        // fields are held, not looked up while waiting: showing the first error re-parents the form
        TextField county = app.robot.lookup("#countyField").queryAs(TextField.class);
        TextField password = app.robot.lookup("#passwordField").queryAs(TextField.class);
        app.type("#countyField", "5002");
        app.type("#passwordField", "short");
        app.robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> county.getAccessibleHelp() != null);
        assertEquals("区县代码应为6位数字", county.getAccessibleHelp(), "the error shows next to the field");
        assertEquals("口令至少8位", password.getAccessibleHelp());
        assertFalse(Files.exists(folder.resolve(Keyring.FILE_NAME)), "nothing is made while a field is wrong");

        app.firstRun("兴义镇", "500230", "wangfang", "王芳", "xingyi-2026");

        assertEquals("参保通", app.stage().getTitle());
        assertEquals("兴义镇（500230） 操作员：王芳（管理员）", app.text("#workplaceLabel"));
        assertTrue(app.text("#policyYearsLabel").contains("2021、2022"), app.text("#policyYearsLabel"));
        assertEquals(List.of("家庭参保登记", "续保", "新生儿登记", "费用测算", "统计报表", "上传", "操作员", "政策参数", "读卡器"), tabTitles());
        assertTrue(Files.exists(folder.resolve(Keyring.FILE_NAME)));
        // the data is there, and unreadable without the administrator's password
        SQLException withoutKey = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
            try (var connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("canbao.db"))) {
                connection.createStatement().executeQuery("SELECT * FROM settings").next();
            }
        });
        assertTrue(withoutKey.getMessage().contains("not a database"), withoutKey.getMessage());
    }

    @Test
    void wrongPasswordsAreRefusedWithTheTriesLeftAndTheFifthLocksTheAccount() throws Exception {
        TestKeys.setUp(folder).close();
        app.start(folder);
        assertTrue(app.showing("#signIn"), "a set-up folder asks who signs in");

        app.signIn("wangfang", "xingyi-2025");
        assertEquals("登录名或口令不对（再输错4次账户将被锁定15分钟）", app.text("#messageLabel"));
        assertEquals("", app.robot.lookup("#passwordField").queryAs(TextField.class).getText(),
                "the wrong password is cleared");
        app.signIn("nobody", "xingyi-2026");
        // its first try, like wangfang's first wrong one above (it used to say 5 for ever: issue 13)
        assertEquals("登录名或口令不对（再输错4次账户将被锁定15分钟）", app.text("#messageLabel"),
                "an unknown login reads like a wrong password");
        for (int attempt = 2; attempt <= 4; attempt++) {
            app.signIn("wangfang", "guess-" + attempt);
        }
        assertEquals("登录名或口令不对（再输错1次账户将被锁定15分钟）", app.text("#messageLabel"));
        app.signIn("wangfang", "guess-5");
        assertTrue(app.text("#messageLabel").startsWith("口令连续输错5次，账户已锁定，请于"), app.text("#messageLabel"));
        app.signIn("wangfang", TestKeys.PASSWORD);
        assertTrue(app.text("#messageLabel").startsWith("口令连续输错5次，账户已锁定"), "locked even for the right password");
        assertFalse(app.showing("#mainWindow"));
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void administratorAddsAVillageCadreWhoSignsInToFewerScreens() throws Exception {
        TestKeys.setUp(folder).close();
        app.start(folder);
        app.signIn(TestKeys.ADMIN, TestKeys.PASSWORD);
        assertTrue(app.showing("#mainWindow"));
        app.robot.clickOn("操作员");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.robot.lookup("#accountsTable").tryQuery()
                .map(table -> ((TableView<?>) table).getItems().size() == 1).orElse(false));
        TableView<?> accounts = app.robot.lookup("#accountsTable").queryAs(TableView.class);

        app.type("#accountsPane #loginField", "zhaoqiang");
        app.type("#accountsPane #nameField", "赵强");
        ChoiceBox<?> role = app.robot.lookup("#roleChoice").queryAs(ChoiceBox.class);
        app.robot.interact(() -> ((ChoiceBox<Role>) (ChoiceBox) role).setValue(Role.CADRE));
        app.type("#accountsPane #passwordField", "zhao-village-7");
        app.type("#accountsPane #repeatedField", "zhao-village-7");
        app.robot.clickOn("#addButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> accounts.getItems().size() == 2);
        assertEquals("已添加操作员 赵强（zhaoqiang）", app.text("#accountsPane #messageLabel"));

        app.stop();
        app.start(folder);
        app.signIn("zhaoqiang", "zhao-village-7");
        assertTrue(app.showing("#mainWindow"));
        assertEquals("兴义镇（500230） 操作员：赵强（村干部）", app.text("#workplaceLabel"));
        assertEquals(List.of("家庭参保登记", "续保", "新生儿登记", "费用测算", "上传", "读卡器"), tabTitles(),
                "no imports, township reports or accounts for a village cadre");
    }

    @Test
    void anOperatorChangesHisOwnPasswordFromTheMainWindow() throws Exception {
        TestKeys.setUp(folder).close();
        app.start(folder);
        app.signIn(TestKeys.ADMIN, TestKeys.PASSWORD);
        app.robot.clickOn("#changePasswordButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> app.showing("#changePassword"));

        app.type("#currentField", "not-my-password");
        app.type("#newPasswordField", "xingyi-2027");
        app.type("#newRepeatedField", "xingyi-2027");
        // held, not looked up while waiting: showing the first error re-parents the form (ControlsFX)
        TextField current = app.robot.lookup("#currentField").queryAs(TextField.class);
        Label message = app.robot.lookup("#passwordMessageLabel").queryAs(Label.class);
        app.robot.clickOn("#changePasswordSaveButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "当前口令不对".equals(current.getAccessibleHelp()));

        // the field as shown now: showing the error re-parents the form, and the field held above or a
        // plain lookup may be a copy no longer in the window
        TextField shown = app.robot.lookup("#currentField").match((TextField field) -> field.getScene() != null
                && field.getScene().getWindow() != null && field.isVisible()).queryAs(TextField.class);
        app.robot.clickOn(shown);
        app.robot.interact(shown::selectAll);
        app.robot.push(javafx.scene.input.KeyCode.BACK_SPACE).write(TestKeys.PASSWORD);
        app.robot.clickOn("#changePasswordSaveButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> message.getText().equals("口令已修改，下次登录请用新口令"));

        SignIn signIn = new SignIn(folder, Clock.systemUTC());
        assertEquals(new SignIn.Outcome.Refused(4), signIn.signIn(TestKeys.ADMIN, TestKeys.PASSWORD.toCharArray()));
        SignIn.Outcome outcome = signIn.signIn(TestKeys.ADMIN, "xingyi-2027".toCharArray());
        assertTrue(outcome instanceof SignIn.Outcome.SignedIn);
        ((SignIn.Outcome.SignedIn) outcome).session().close();
    }

    private List<String> tabTitles() {
        return app.robot.lookup("#tabs").queryAs(TabPane.class).getTabs().stream().map(Tab::getText)
                .map(title -> title.startsWith("上传") ? "上传" : title).toList();
    }
}
