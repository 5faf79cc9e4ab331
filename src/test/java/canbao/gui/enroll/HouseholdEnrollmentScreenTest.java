package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.gui.common.MemberRow;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** 家庭参保登记 driven headless like a clerk: a family of four with one 低保 member, then a duplicate. */
class HouseholdEnrollmentScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        canbao.store.TestKeys.setUp(folder).close();
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(canbao.gui.CanbaoApp.class, "--data", folder.toString(),
                // the worked examples of 2022: the screens open on the year being collected that day
                "--today", "2022-01-10");
        canbao.gui.SignInScreen.signIn(robot, canbao.store.TestKeys.ADMIN, canbao.store.TestKeys.PASSWORD);
        robot.clickOn("家庭参保登记");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void clerkEnrollsAFamilyOfFourThenASecondEnrolmentIsRefused() throws Exception {
        typeHousehold();
        member("张三", "500230198003151079", "户主", 1, false);
        member("李四", "500230198207073877", "配偶", 2, false);
        member("张老汉", "500230194501011230", "父亲", 1, true);
        member("张小花", "500230201005051244", "女", 1, false);

        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        assertEquals(4, table.getItems().size());
        assertEquals("32 元", cell(table, "payableColumn", 2));
        assertEquals("288 元", cell(table, "subsidyColumn", 2));
        assertEquals("695 元", cell(table, "payableColumn", 1));
        assertEquals("合计应缴：1367 元", text("#totalLabel"));
        assertEquals("全家一档合计 992 元 / 全家二档合计 2460 元", text("#comparisonLabel"));

        click("#saveButton");
        waitFor("已保存");
        assertEquals("已保存：户0012，4人登记参保，合计应缴1367元", text("#statusLabel"));
        assertTrue(cell(table, "noteColumn", 2).startsWith("已参加2022年度（已缴费，应缴32元"), cell(table, "noteColumn", 2));

        // another clerk, not searching first, types the head of the family again: told at once (issue 20)
        click("#newHouseholdButton");
        typeHousehold();
        member("张三", "500230198003151079", "户主", 1, false);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(table, "noteColumn", 0).startsWith("已在户0012"));
        assertEquals("已在户0012（兴义村）参加2022年度居民医保（2022-01-10，王芳登记），不计入本户合计、不会重复登记；点“打开该户”查看",
                cell(table, "noteColumn", 0));
        assertEquals("合计应缴：0 元", text("#totalLabel"));
        click("#saveButton");
        waitFor("没有要登记的成员");
    }

    /**
     * Issue 20, defect 4: a refused member shows each message in words under its field (not only a
     * red icon with hover text), the cursor goes to the first field in error, and correcting the field
     * takes its mark away.
     */
    @Test
    void refusedMemberShowsTheMessageUnderTheFieldFocusesItAndCorrectingClearsIt() throws Exception {
        typeHousehold();
        click("#nameField").write("张三");
        robot.push(KeyCode.TAB).write("5002301980031510");
        click("#nameField").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.control.TextField id = screen().lookup("#idNumberField").queryAs(javafx.scene.control.TextField.class);
        assertTrue(id.isFocused(), "the cursor is in the first field in error");
        assertEquals("未添加，请改正：身份证号", text("#statusLabel"));
        java.util.List<String> shown = robot.lookup(".field-message").queryAll().stream()
                .map(node -> ((Label) node).getText()).toList();
        assertEquals(java.util.List.of("身份证号应为18位，实为16位"), shown);

        robot.write("79");
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup(".field-message").queryAll().isEmpty(), "corrected: the mark goes");
        assertTrue(!id.getStyleClass().contains("field-error"));
    }

    /**
     * Issue 20, defects 8 and 10: the window opens maximised with the cursor in the search field, and
     * 退出登录 brings back the sign-in screen for the next operator, who signs in again.
     */
    @Test
    void windowOpensMaximisedReadyToSearchAndSigningOutBringsBackTheSignInScreen() throws Exception {
        robot.clickOn(robot.lookup("#signOutButton").queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#loginField").tryQuery().isPresent());

        canbao.gui.SignInScreen.signIn(robot, canbao.store.TestKeys.ADMIN, canbao.store.TestKeys.PASSWORD);

        javafx.stage.Stage stage = (javafx.stage.Stage) robot.lookup("#tabs").query().getScene().getWindow();
        assertTrue(stage.isMaximized());
        // nothing clicked yet: the cursor waits in the search field, not on 修改口令
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> screen().lookup("#searchField").query().isFocused());
    }

    /** Lookups inside this screen's tab: the quick-quote tab has fields with the same ids. */
    private org.testfx.service.query.NodeQuery screen() {
        javafx.scene.control.TabPane tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(screen().lookup(query).queryAs(javafx.scene.Node.class));
    }

    private void typeHousehold() {
        click("#numberField").write("0012");
        click("#villageField").write("兴义村");
        click("#groupField").write("3组");
        click("#receiptField").write("R0012");
        DatePicker paymentDate = screen().lookup("#paymentDatePicker").queryAs(DatePicker.class);
        robot.clickOn(paymentDate.getEditor());
        robot.interact(paymentDate.getEditor()::selectAll);
        robot.write("2022-01-10").push(KeyCode.TAB);
    }

    private void member(String name, String idNumber, String relation, int tier, boolean dibao) {
        click("#nameField").write(name);
        robot.push(KeyCode.TAB).write(idNumber);
        robot.push(KeyCode.TAB).write(relation);
        ComboBox<?> tierBox = screen().lookup("#tierBox").queryAs(ComboBox.class);
        robot.interact(() -> tierBox.getSelectionModel().select(tier - 1));
        if (dibao) {
            CheckComboBox<String> categories = screen().lookup("#categoriesBox").queryAs(CheckComboBox.class);
            robot.interact(() -> categories.getCheckModel().check("DIBAO"));
        }
        click("#nameField").push(KeyCode.ENTER);
    }

    private void waitFor(String statusStart) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith(statusStart));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }

    private static String cell(TableView<MemberRow> table, String columnId, int row) {
        return table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow()
                .getCellObservableValue(row).getValue().toString();
    }
}
