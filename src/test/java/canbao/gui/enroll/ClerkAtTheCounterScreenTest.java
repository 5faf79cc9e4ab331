package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.gui.SignInScreen;
import canbao.gui.common.MemberRow;
import canbao.model.Localization;
import canbao.model.Role;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 家庭参保登记 as a 柜员 (clerk) uses it (issue 20, defects 8 and 10): 作废 with a required reason in a
 * dialog, and buttons that stay where they are while the total changes.
 */
class ClerkAtTheCounterScreenTest {

    private static final String CLERK = "lijuan";
    private static final String CLERK_PASSWORD = "guiyuan-2026";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        try (Session session = TestKeys.setUp(folder)) {
            assertTrue(session.accounts(Clock.systemUTC()).add(CLERK, "李娟", Role.CLERK, CLERK_PASSWORD.toCharArray(),
                    CLERK_PASSWORD.toCharArray(), TestKeys.ADMIN).isValid());
            HouseholdService households = new HouseholdService(session.database(), PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
            var paid = new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), "R0012", null, null);
            assertTrue(households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                    new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", "汉", List.of(), null,
                            null, paid),
                    new HouseholdEntry.Member("张老汉", "500230194501011230", null, null, "父亲", "汉",
                            List.of(new HouseholdEntry.Category("DIBAO", "民政办", LocalDate.of(2021, 10, 1))), null,
                            null, paid))), "wangfang").isValid());
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.toString(),
                "--today", "2022-01-11", "--background-upload-every", "3600");
        SignInScreen.signIn(robot, CLERK, CLERK_PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void aClerkCancelsASavedEnrolmentGivingTheReasonInADialogAndSeesItCancelled() throws Exception {
        openTheFamily();
        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        robot.clickOn(rowOf(table, "张老汉"));

        robot.clickOn(screen().lookup("#cancelEnrollmentButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#reasonField").tryQuery().isPresent());
        Button accept = robot.lookup("#reasonAcceptButton").queryAs(Button.class);
        assertTrue(accept.isDisabled(), "no reason, no 作废");
        assertEquals("作废张老汉的2022年度参保登记（应缴32元）？作废后此人本年度不再算参保；记录留存，记入操作日志并上传汇总端。请填写作废原因：",
                robot.lookup("#reasonQuestion").queryAs(Label.class).getText());
        assertEquals("作废参保登记", robot.lookup("#reasonField").query().getScene().getWindow() instanceof javafx.stage.Stage s
                ? s.getTitle() : "");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#reasonField").query().isFocused());
        // (the headless robot types into the window it last clicked: a click on the field, where the cursor is)
        robot.clickOn(robot.lookup("#reasonField").queryAs(Node.class)).write("低保认定有误，已退款").push(KeyCode.ENTER);

        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已作废"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the status line reads: " + text("#statusLabel") + "; dialog open: "
                    + robot.lookup("#reasonField").tryQuery().map(f -> ((TextField) f).getText() + " focused " + f.isFocused())
                    .orElse("no"), e);
        }
        assertEquals("已作废张老汉的2022年度参保登记，原因：低保认定有误，已退款", text("#statusLabel"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        assertTrue(note(table, 1).startsWith("已作废（2022年度，原应缴32元，2022-01-10缴费，收据R0012）：低保认定有误，已退款；"),
                note(table, 1));
        assertEquals("合计应缴：0 元（本户本年度已缴 320 元）", text("#totalLabel"));
    }

    /** Issue 20, defect 10: the total has a width of its own; the buttons beside it never move sideways. */
    @Test
    void theButtonsStayWhereTheyAreAsTheTotalChanges() throws Exception {
        List<Double> saveAt = new ArrayList<>();
        Node save = screen().lookup("#saveButton").query();
        Node print = screen().lookup("#printMenu").query();
        List<Double> printAt = new ArrayList<>();
        Runnable measure = () -> {
            WaitForAsyncUtils.waitForFxEvents();
            saveAt.add(save.localToScene(save.getBoundsInLocal()).getMinX());
            printAt.add(print.localToScene(print.getBoundsInLocal()).getMinX());
        };
        measure.run(); // 合计应缴：0 元
        robot.clickOn(screen().lookup("#nameField").queryAs(Node.class)).write("王五").push(KeyCode.TAB)
                .write("500230197001011236".substring(0, 17)
                        + canbao.policy.ResidentId.checkCharacter("50023019700101123")).push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#totalLabel").equals("合计应缴：320 元"));
        assertTrue(!text("#comparisonLabel").isEmpty());
        measure.run();
        openTheFamily();
        robot.clickOn(screen().lookup("#newHouseholdButton").queryAs(Node.class));
        // asked before the typed member is lost: 放弃
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("放弃，打开别的户").tryQuery().isPresent()
                || text("#totalLabel").contains("已缴"));
        robot.lookup("放弃，打开别的户").tryQuery().ifPresent(robot::clickOn);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#totalLabel").contains("已缴"));
        assertEquals("合计应缴：0 元（本户本年度已缴 352 元）", text("#totalLabel"));
        measure.run();

        assertEquals(1, saveAt.stream().distinct().count(), "保存并参保 stays put: " + saveAt);
        assertEquals(1, printAt.stream().distinct().count(), "打印 stays put: " + printAt);
    }

    /** Issue 20, defect 10: 资助类别 opens from the keyboard with F4, Space or Alt+↓, never leaving the tab. */
    @Test
    void theCategoryListOpensFromTheKeyboardAndClosesWithEnterOrEscape() throws Exception {
        CheckComboBox<String> box = screen().lookup("#categoriesBox").queryAs(CheckComboBox.class);
        javafx.scene.control.ComboBox<?> list = (javafx.scene.control.ComboBox<?>)
                ((javafx.scene.control.SkinBase<?>) box.getSkin()).getChildren().get(0);
        robot.clickOn(screen().lookup("#tierBox").queryAs(Node.class)).push(KeyCode.ESCAPE).push(KeyCode.TAB);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(box.isFocused(), "Tab from the tier reaches the categories");

        for (KeyCode[] keys : List.of(new KeyCode[] {KeyCode.F4}, new KeyCode[] {KeyCode.SPACE},
                new KeyCode[] {KeyCode.ALT, KeyCode.DOWN}, new KeyCode[] {KeyCode.DOWN})) {
            robot.push(keys);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, list::isShowing);
            assertEquals("家庭参保登记", robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel()
                    .getSelectedItem().getText(), List.of(keys) + " stays on this screen");
            robot.push(keys[keys.length - 1] == KeyCode.SPACE ? KeyCode.ESCAPE : KeyCode.ENTER);
            WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !list.isShowing());
        }
        robot.push(KeyCode.DOWN).write("tk").push(KeyCode.SPACE).push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !list.isShowing());
        assertEquals(1, box.getCheckModel().getCheckedItems().size());
        assertTrue(box.getConverter().toString(box.getCheckModel().getCheckedItems().get(0)).startsWith("特困"),
                "typed tk: " + box.getCheckModel().getCheckedItems());
    }

    private void openTheFamily() throws Exception {
        TextField search = screen().lookup("#searchField").queryAs(TextField.class);
        robot.clickOn(search);
        robot.interact(search::selectAll);
        robot.write("0012").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> screen().lookup("#hitsList").query().isFocused());
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已打开户0012")
                || robot.lookup("放弃，打开别的户").tryQuery().isPresent());
    }

    private TableRow<?> rowOf(TableView<MemberRow> table, String name) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.from(table).lookup(".table-row-cell").queryAll()
                .stream().anyMatch(node -> ((TableRow<?>) node).getItem() instanceof MemberRow row && row.name().equals(name)));
        return robot.from(table).lookup(".table-row-cell").queryAll().stream().map(node -> (TableRow<?>) node)
                .filter(row -> row.getItem() instanceof MemberRow member && member.name().equals(name))
                .findFirst().orElseThrow();
    }

    private static String note(TableView<MemberRow> table, int row) {
        Object value = table.getColumns().stream().filter(c -> "noteColumn".equals(c.getId())).findFirst()
                .orElseThrow().getCellObservableValue(row).getValue();
        return value == null ? "" : value.toString();
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
