package canbao.gui.report;

import canbao.store.TestKeys;
import canbao.store.DataKey;
import canbao.account.Session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.ReportCommand;
import canbao.gui.CanbaoApp;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.ResidentId;
import canbao.report.CoverageReport;
import canbao.report.RosterImport;
import canbao.store.CoverageStore;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/** 统计报表 driven headless: rosters imported through the screen, then coverage as the CLI reports it. */
class ReportScreenTest {

    private static final String ZHANG = "500230198003151079";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private DataKey key;
    private Application application;

    private static String id(String first17) {
        return first17 + ResidentId.checkCharacter(first17);
    }

    @BeforeEach
    void start() throws Exception {
        try (Session session = TestKeys.setUp(folder.resolve("data"))) {
            key = session.key();
            Database database = session.database();
            HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
            assertTrue(households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                    new HouseholdEntry.Member("张三", ZHANG, null, null, "户主", "汉", List.of(), null, null,
                            new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null,
                                    null)))), "王芳").isValid());
        }
        String header = "户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话\n";
        String good = header + "0012,兴义村,3组,张三," + ZHANG + ",户主,汉,\n"
                + "0012,兴义村,3组,李四,500230198207073877,配偶,汉,\n"
                + "0013,兴义村,1组,王五," + id("50023019700101123") + ",户主,汉,\n"
                + "0021,龙河社区,,孙七," + id("50023019500101123") + ",户主,汉,\n";
        Files.write(folder.resolve("roster.csv"), good.getBytes(java.nio.charset.Charset.forName("GB18030")));
        Files.writeString(folder.resolve("bad.csv"), header + "0012,兴义村,3组,张三," + ZHANG + ",户主,汉,\n"
                + "0012,兴义村,3组,李四,500230198207073870,配偶,汉,\n");
        Files.writeString(folder.resolve("targets.csv"), "村(社区),应参保人数\n兴义村,4\n龙河社区,1\n");
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.resolve("data").toString(),
                "--today", "2022-01-10");
        canbao.gui.SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("统计报表");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    private void importing(RosterImport.Kind kind, Path file) throws Exception {
        ComboBox<RosterImport.Kind> kinds = screen().lookup("#kindBox").queryAs(ComboBox.class);
        robot.interact(() -> kinds.setValue(kind));
        TextField path = screen().lookup("#fileField").queryAs(TextField.class);
        robot.clickOn(path);
        robot.interact(path::clear);
        robot.write(file.toString());
        robot.clickOn(screen().lookup("#importButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#importStatusLabel").startsWith("已导入")
                || text("#importStatusLabel").startsWith("文件有"));
    }

    @Test
    void rostersImportedThroughTheScreenGiveTheCoverageTheCliPrints() throws Exception {
        importing(RosterImport.Kind.ROSTER, folder.resolve("bad.csv"));
        assertEquals("文件有1处问题，未导入任何数据；请改正后重新导入", text("#importStatusLabel"));
        ListView<String> problems = screen().lookup("#problemList").queryAs(ListView.class);
        assertEquals(List.of("第3行 身份证号: 身份证号校验码错误：按前17位应为7，实为0"), problems.getItems());

        importing(RosterImport.Kind.ROSTER, folder.resolve("roster.csv"));
        // issue 20, defect 12: lines and records are not mixed up in one figure
        assertEquals("已导入户籍花名册：文件共4行；记录（户、人员、类别或村）新增5条，更新0条，未变1条（编码GB18030）",
                text("#importStatusLabel"));
        assertEquals(List.of(), problems.getItems());
        importing(RosterImport.Kind.TARGETS, folder.resolve("targets.csv"));

        TableView<CoverageReport.Village> villages = screen().lookup("#villageTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> villages.getItems().size() == 2
                && villages.getItems().get(0).target() != null);
        List<List<String>> shown = new ArrayList<>();
        for (CoverageReport.Village village : villages.getItems()) {
            List<String> cells = new ArrayList<>();
            villages.getColumns().forEach(column -> cells.add(String.valueOf(column.getCellData(village))));
            shown.add(cells);
        }
        assertEquals(List.of(List.of("兴义村", "4", "1", "25.00%", "3", "0 / 0", "2"),
                List.of("龙河社区", "1", "0", "0.00%", "1", "0 / 0", "1")), shown);

        // one computation, two views: the CLI's JSON holds the figures the screen shows
        JsonNode cli;
        try (Database database = Database.open(folder.resolve("data"), key)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new ReportCommand(new CoverageReport(new CoverageStore(database), PolicyLibrary.builtIn()))
                    .run(2022, true, new PrintStream(out, true, StandardCharsets.UTF_8));
            cli = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        }
        for (int i = 0; i < 2; i++) {
            CoverageReport.Village onScreen = villages.getItems().get(i);
            JsonNode printed = cli.get("villages").get(i);
            assertEquals(onScreen.village(), printed.get("village").asText());
            assertEquals((long) onScreen.target(), printed.get("target").asLong());
            assertEquals(onScreen.enrolled(), printed.get("enrolled").asLong());
            assertEquals(0, onScreen.rate().compareTo(printed.get("rate").decimalValue()));
            assertEquals(onScreen.notEnrolled(), printed.get("notEnrolled").asLong());
        }

        BarChart<String, Number> chart = screen().lookup("#rateChart").queryAs(BarChart.class);
        assertEquals(List.of("兴义村=25.0", "龙河社区=0.0"), chart.getData().get(0).getData().stream()
                .map(bar -> bar.getXValue() + "=" + bar.getYValue()).toList());
        assertTrue(text("#summaryLabel").startsWith("2022年度：已参保1人／应参保5人，参保率20.00%"),
                text("#summaryLabel"));

        TableView<?> missing = screen().lookup("#missingTable").queryAs(TableView.class);
        assertEquals(0, missing.getItems().size(), "no ledger yet: no low-income people");
        robot.clickOn(screen().lookup("#lowIncomeOnlyBox").queryAs(Node.class));
        // by village, then group (1组 before 3组), then household
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> missing.getItems().size() == 3);
        assertEquals(List.of("王五", "李四", "孙七"), missing.getItems().stream()
                .map(m -> ((CoverageStore.Missing) m).name()).toList());
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
