package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.gui.common.MemberRow;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.PolicyShelf;
import canbao.account.Session;
import canbao.store.TestKeys;
import canbao.store.WorkplaceSettings;
import canbao.sync.RecordResult;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 家庭参保登记 on 2025-12-15, in the 2026 collection season, with the county hub on 127.0.0.1: 张三
 * was covered in 2024 (enrolled at another township's counter) and not in 2025. Entering his ID
 * number asks the hub, the row shows the broken year and four months of waiting, one repair year
 * brings it to three months for 800 yuan. A member with no break shows the provisional mark.
 */
class CoverageHistoryScreenTest {

    private static final String ZHANG = "500230198003151079";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;
    private Hub hub;
    private HubServer server;

    @BeforeEach
    void start() throws Exception {
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC(),
                PolicyShelf.load(Files.createDirectories(folder.resolve("hub-policy"))));
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        String token = hub.registerDevice("兴义镇-1");
        hub.registerDevice("龙河镇-1");
        String enrollment = "{\"person\":\"p-9\",\"policyYear\":2024,\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,"
                + "\"paymentDate\":\"2023-11-10\",\"payableFen\":38000,\"benefitStart\":\"2024-01-01\"}";
        List<RecordResult> uploaded = hub.receive("龙河镇-1", new UploadBatch("b-1", "d-9", "龙河镇", "李明", List.of(
                new SyncRecord("household", "h-9", 1, "{\"number\":\"0088\"}"),
                new SyncRecord("person", "p-9", 1, "{\"household\":\"h-9\",\"birthDate\":\"1980-03-15\","
                        + "\"idNumber\":\"" + ZHANG + "\"}"),
                new SyncRecord("enrollment", "e-9", 1, enrollment)))).results();
        assertEquals(RecordResult.Status.ACCEPTED, uploaded.get(2).status(), uploaded::toString);

        try (Session session = TestKeys.setUp(folder.resolve("counter"))) {
            WorkplaceSettings settings = new WorkplaceSettings(session.database());
            settings.saveHubUrl("http://127.0.0.1:" + server.port());
            settings.saveHubToken(token);
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.resolve("counter").toString(),
                "--today", "2025-12-15", "--background-upload-every", "3600");
        canbao.gui.SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("家庭参保登记");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
        server.close();
        hub.close();
    }

    @Test
    void brokenYearFromTheHubIsShownAndOneRepairYearShortensTheWait() throws Exception {
        assertEquals(2026, screen().lookup("#policyYearBox").queryAs(ComboBox.class).getValue(),
                "2025-12-15 is in the 2026 enrolment period");
        click("#numberField").write("0012");
        click("#villageField").write("兴义村");
        click("#receiptField").write("R-0012");
        click("#nameField").write("张三");
        robot.push(KeyCode.TAB).write(ZHANG).push(KeyCode.TAB);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#historyLabel").contains("汇总端"));
        assertEquals("2024年（汇总端）；已查询汇总端", text("#historyLabel"));
        click("#nameField").push(KeyCode.ENTER);

        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        assertEquals("400 元", cell(table, "payableColumn", 0));
        assertEquals("1年", cell(table, "brokenColumn", 0));
        assertEquals("4个月", cell(table, "waitingColumn", 0));
        assertEquals("2026-04-16", cell(table, "startColumn", 0));
        assertTrue(cell(table, "noteColumn", 0).contains("补缴1年（400元）可减为3个月"), cell(table, "noteColumn", 0));

        // the family pays 2025 back: the row goes back into the form, 补缴断保年数 1, Enter
        robot.doubleClickOn(robot.from(table).lookup("张三").queryAs(javafx.scene.Node.class));
        ComboBox<Integer> repair = screen().lookup("#repairBox").queryAs(ComboBox.class);
        robot.interact(() -> repair.setValue(1));
        click("#nameField").push(KeyCode.ENTER);

        assertEquals("800 元", cell(table, "payableColumn", 0));
        assertEquals("400 元", cell(table, "repairColumn", 0));
        assertEquals("3个月", cell(table, "waitingColumn", 0));
        assertEquals("2026-03-16", cell(table, "startColumn", 0));
        assertEquals("合计应缴：800 元", text("#totalLabel"));

        click("#saveButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已保存"));
        assertEquals("已保存：户0012，1人登记参保，合计应缴800元", text("#statusLabel"));
    }

    @Test
    void aQuoteRestingOnAProvisionalFigureIsMarkedAndExplained() throws Exception {
        click("#numberField").write("0013");
        click("#villageField").write("兴义村");
        click("#nameField").write("李四");
        robot.push(KeyCode.TAB).write("500230198207073877").push(KeyCode.TAB);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#historyLabel").contains("汇总端"));
        // covered by employee insurance in 2024 and 2025: declared with the evidence
        click("#declaredYearsField").write("2024 2025");
        click("#declaredEvidenceField").write("2024–2025年在重庆某公司参加职工医保");
        click("#nameField").push(KeyCode.ENTER);

        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        assertEquals("400 元※", cell(table, "payableColumn", 0), "the 2026 enrolment period is provisional");
        assertEquals("2026-01-01※", cell(table, "startColumn", 0));
        assertEquals("3年", cell(table, "continuousColumn", 0));
        assertTrue(text("#provisionalLabel").contains("待区县核定"), text("#provisionalLabel"));
        robot.clickOn(robot.from(table).lookup("李四").queryAs(javafx.scene.Node.class));
        String explanation = screen().lookup("#explanationArea").queryAs(javafx.scene.control.TextArea.class).getText();
        assertTrue(explanation.contains("※ 在集中参保期"), explanation);
    }

    /** Lookups inside this screen's tab: the quick-quote tab has fields with the same ids. */
    private org.testfx.service.query.NodeQuery screen() {
        javafx.scene.control.TabPane tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(screen().lookup(query).queryAs(javafx.scene.Node.class));
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }

    private static String cell(TableView<MemberRow> table, String columnId, int row) {
        return table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow()
                .getCellObservableValue(row).getValue().toString();
    }
}
