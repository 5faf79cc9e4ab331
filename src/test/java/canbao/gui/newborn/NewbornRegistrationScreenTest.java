package canbao.gui.newborn;

import canbao.store.TestKeys;
import canbao.store.DataKey;
import canbao.account.Session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.model.Localization;
import canbao.model.NewbornPending;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/** 新生儿登记 driven headless: register a newborn with its guardian; the worklist of unpaid newborns. */
class NewbornRegistrationScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private DataKey key;
    private Application application;

    @BeforeEach
    void start() throws Exception {
        LocalDate today = LocalDate.now();
        try (Session session = TestKeys.setUp(folder)) {
            key = session.key();
            Database database = session.database();
            HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
            var saved = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                    new HouseholdEntry.Member("张三", "500230198003151079", null, null, "户主", "汉", null, null, null,
                            new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null)),
                    newborn("王小一", today.minusDays(30), "Q100000002"),
                    newborn("王小二", today.minusDays(85), "Q100000001"))), "王芳");
            assertTrue(saved.isValid(), saved.problems()::toString);
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.toString());
        canbao.gui.SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("新生儿登记");
    }

    private static HouseholdEntry.Member newborn(String name, LocalDate birth, String certificate) {
        return new HouseholdEntry.Member(name, null, birth, certificate, "子", "汉", null, null, null, null);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void newbornIsRegisteredToBeCoveredWithItsGuardian() throws Exception {
        click("#nameField").write("张小宝");
        DatePicker birth = screen().lookup("#birthDatePicker").queryAs(DatePicker.class);
        robot.clickOn(birth.getEditor()).write("2022-03-01").push(KeyCode.TAB);
        click("#certificateField").write("Q500123456");
        click("#relationField").write("子");
        click("#guardianField").write("500230198003151079");
        click("#findGuardianButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("#guardianLabel").isEmpty());

        assertEquals("监护人：张三（户0012，兴义村）", text("#guardianLabel"));
        assertEquals("应缴0元，待遇享受期2022年3月1日至2022年12月31日。", text("#quoteLabel"));
        // no "90 days ended" beside a quote of 0 yuan (issue 20, defect 6): with a guardian there is no deadline
        assertEquals("随监护人享受待遇：监护人当年已缴费即可，无需缴费，不受出生后90天限制", text("#deadlineLabel"));

        click("#saveNewbornButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("#statusLabel").isEmpty());

        assertEquals("已登记新生儿张小宝：随监护人享受（不缴费）", text("#statusLabel"));
    }

    @Test
    void choosingToEnrolOnItsOwnShowsWhatItPays() throws Exception {
        DatePicker birth = screen().lookup("#birthDatePicker").queryAs(DatePicker.class);
        robot.clickOn(birth.getEditor()).write("2022-03-01").push(KeyCode.TAB);
        click("#ownRadio");
        DatePicker paid = screen().lookup("#paymentDatePicker").queryAs(DatePicker.class);
        robot.clickOn(paid.getEditor());
        robot.interact(paid.getEditor()::selectAll);
        robot.write("2022-05-20").push(KeyCode.TAB);

        assertEquals("应缴320元，一档标准320元，待遇享受期2022年3月1日至2022年12月31日。", text("#quoteLabel"));
    }

    @Test
    void worklistListsUnpaidNewbornsFewestDaysLeftFirstAndHighlightsTheUrgent() throws Exception {
        TableView<NewbornPending> worklist = screen().lookup("#worklistTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> worklist.getItems().size() == 2);

        assertEquals(List.of("王小二", "王小一"), worklist.getItems().stream().map(NewbornPending::name).toList());
        assertEquals(5, worklist.getItems().get(0).daysLeft());
        assertEquals(60, worklist.getItems().get(1).daysLeft());
        List<Node> rows = robot.from(worklist).lookup(".table-row-cell").queryAll().stream()
                .filter(node -> ((TableRow<?>) node).getItem() != null).toList();
        assertTrue(rows.stream().anyMatch(row -> isRowOf(row, "王小二") && row.getStyleClass().contains("urgent")));
        assertTrue(rows.stream().anyMatch(row -> isRowOf(row, "王小一")));
        assertFalse(rows.stream().anyMatch(row -> isRowOf(row, "王小一") && row.getStyleClass().contains("urgent")));
    }

    private static boolean isRowOf(Node row, String name) {
        return ((NewbornPending) ((TableRow<?>) row).getItem()).name().equals(name);
    }

    /** Lookups inside this screen's tab: other tabs have fields with the same ids. */
    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(screen().lookup(query).queryAs(Node.class));
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
