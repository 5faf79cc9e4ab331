package canbao.gui.renewal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.report.RenewalWorklist;
import canbao.service.HouseholdService;
import canbao.store.RenewalVillage;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
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

/** 续保 driven headless on 2025-11-20: a family of four renewed from the worklist with the keyboard only. */
class RenewalsScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        Clock clock = Clock.fixed(RenewalVillage.TODAY.atTime(10, 0).atZone(zone).toInstant(), zone);
        try (Session session = TestKeys.setUp(folder)) {
            RenewalVillage.fill(new HouseholdService(session.database(), PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), clock));
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.toString(), "--today",
                RenewalVillage.TODAY.toString());
        canbao.gui.SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("续保");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void familyOfFourIsRenewedFromTheWorklistWithTheKeyboardOnly() throws Exception {
        TableView<RenewalWorklist.Household> households = screen().lookup("#householdsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> households.getItems().size() == 5);
        assertEquals(List.of("0003", "0001", "0004", "0002", "0005"), numbers(households));
        assertEquals("2026年度：待续保11人，已续保2人，新参保0人，已标记0人", text("#countsLabel"));
        robot.interact(households::requestFocus);

        robot.push(KeyCode.DOWN);
        assertEquals("户0001（3组）：续保4人，合计1615元", text("#householdLabel"));
        robot.push(KeyCode.ENTER).write("R2026-0001").push(KeyCode.ENTER);

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已续保"));
        assertEquals("已续保户0001：4人，合计1615元", text("#statusLabel"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> text("#countsLabel").equals("2026年度：待续保7人，已续保6人，新参保0人，已标记0人"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("0003", "0004", "0002", "0005"), numbers(households));
        assertTrue(households.isFocused(), "the cursor is back in the household list for the next family");
    }

    /** 待续保 holds a count: it sorts as a number (10 after 9), not as text ("10" before "9"). */
    @Test
    @SuppressWarnings("unchecked")
    void theToRenewColumnSortsAsANumber() throws Exception {
        TableView<RenewalWorklist.Household> households = screen().lookup("#householdsTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> households.getItems().size() == 5);
        javafx.scene.control.TableColumn<RenewalWorklist.Household, ?> toRenew = households.getColumns().stream()
                .filter(column -> "toRenewColumn".equals(column.getId())).findFirst().orElseThrow();
        assertEquals(Long.valueOf(households.getItems().get(0).toRenewCount()), toRenew.getCellData(0));
        robot.interact(() -> {
            toRenew.setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
            households.getSortOrder().setAll(List.of(toRenew));
        });
        List<Long> counts = households.getItems().stream().map(RenewalWorklist.Household::toRenewCount).toList();
        assertEquals(counts.stream().sorted(java.util.Comparator.reverseOrder()).toList(), counts);
        assertTrue(counts.get(0) > counts.get(counts.size() - 1), "the village's households differ in count: " + counts);
    }

    private static List<String> numbers(TableView<RenewalWorklist.Household> table) {
        return table.getItems().stream().map(RenewalWorklist.Household::number).toList();
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
