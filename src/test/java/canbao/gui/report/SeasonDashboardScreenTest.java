package canbao.gui.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import canbao.gui.CanbaoApp;
import canbao.report.SeasonDashboard;
import canbao.store.CoverageStore;
import canbao.store.Database;
import canbao.store.SeasonStore;
import canbao.store.SeasonVillage;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/** 统计报表 → 征缴进度 on 2025-11-20: the figures per village as a clerk reads them, and the chart's points. */
class SeasonDashboardScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;
    private SeasonDashboard.Season expected;

    @BeforeEach
    void start() throws Exception {
        try (Session session = TestKeys.setUp(folder)) {
            Database database = session.database();
            SeasonVillage.fill(database);
            // the window's day starts in the machine's zone: what "the same day last season" ends at
            ZoneId zone = ZoneId.systemDefault();
            Clock clock = Clock.fixed(SeasonVillage.TODAY.atTime(12, 0).atZone(zone).toInstant(), zone);
            expected = new SeasonDashboard(new SeasonStore(database), new CoverageStore(database), clock).compute(2026);
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.toString(), "--today",
                SeasonVillage.TODAY.toString());
        canbao.gui.SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("统计报表");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void dashboardShowsEachVillagesSeasonAndTheChartOfEnrolmentsPerDay() throws Exception {
        robot.clickOn("征缴进度");
        TableView<SeasonDashboard.Village> table = screen().lookup("#seasonTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() == 2);
        WaitForAsyncUtils.waitForFxEvents();

        // 村, 已续保, 新参保, 待缴费, 已标记, 应参保, 参保率 as read off the cells
        assertEquals(List.of("兴义村", "1", "1", "2", "1", "5", "40.00%"), cells(table, 0).subList(0, 7));
        assertEquals(List.of("龙河村", "1", "0", "0", "1", "2", "50.00%"), cells(table, 1).subList(0, 7));
        // 上一季同日, its rate and the change, as the report layer counts them for this machine's day
        for (int row = 0; row < 2; row++) {
            SeasonDashboard.Village village = expected.villages().get(row);
            assertEquals(List.of(String.valueOf(village.lastSeasonToDate()),
                    canbao.report.SeasonText.percent(village.lastSeasonRate()),
                    canbao.report.SeasonText.signed(village.change())), cells(table, row).subList(7, 10));
        }
        String summary = screen().lookup("#seasonSummaryLabel").queryAs(Label.class).getText();
        assertEquals("2026年度截至2025年11月20日：已续保2人，新参保1人，待缴费2人，已标记2人；参保率42.86%；上一季同日（2024年11月20日）已参保"
                + expected.township().lastSeasonToDate() + "人、参保率"
                + canbao.report.SeasonText.percent(expected.township().lastSeasonRate()) + "；较上一季"
                + canbao.report.SeasonText.signed(expected.township().change()) + "人", summary);

        LineChart<String, Number> chart = screen().lookup("#seasonChart").queryAs(LineChart.class);
        assertEquals(2, chart.getData().size());
        XYChart.Series<String, Number> thisSeason = chart.getData().get(0);
        assertEquals("2026年度", thisSeason.getName());
        assertEquals("10-15", thisSeason.getData().get(0).getXValue(), "from last season's first day on the same date");
        assertEquals("11-20", thisSeason.getData().get(thisSeason.getData().size() - 1).getXValue());
        assertEquals(Map.of("11-10", 1L, "11-18", 1L, "11-19", 1L), nonZero(thisSeason));
        Map<String, Long> lastSeason = new TreeMap<>();
        expected.days().stream().filter(d -> d.lastSeasonEnrolments() > 0)
                .forEach(d -> lastSeason.put(d.day().toString().substring(5), d.lastSeasonEnrolments()));
        assertFalse(lastSeason.isEmpty(), "the village enrolled last season: the chart has points to show");
        Map<String, Long> drawn = nonZero(chart.getData().get(1));
        assertEquals(lastSeason, drawn);
        // the points drawn (read off the chart) add up to the township's count of the same day
        assertEquals(expected.township().lastSeasonToDate(), drawn.values().stream().mapToLong(Long::longValue).sum(),
                "last season's points up to today add up to the same day's count");
    }

    private static Map<String, Long> nonZero(XYChart.Series<String, Number> series) {
        Map<String, Long> points = new TreeMap<>();
        for (XYChart.Data<String, Number> point : series.getData()) {
            if (point.getYValue().longValue() > 0) {
                points.put(point.getXValue(), point.getYValue().longValue());
            }
        }
        return points;
    }

    private static List<String> cells(TableView<SeasonDashboard.Village> table, int row) {
        return table.getColumns().stream()
                .map(column -> String.valueOf(((TableColumn<SeasonDashboard.Village, ?>) column).getCellData(row)))
                .toList();
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }
}
