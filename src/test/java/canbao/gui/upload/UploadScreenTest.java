package canbao.gui.upload;

import canbao.store.TestKeys;
import canbao.store.DataKey;
import canbao.account.Session;
import canbao.store.WorkplaceSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.cli.CountyKeyFiles;
import canbao.gui.CanbaoApp;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.PolicyShelf;
import canbao.model.Localization;
import canbao.model.OutboxEntry;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.ResidentId;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.sync.RecordResult;
import canbao.sync.SyncRecord;
import canbao.sync.UploadBatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 上传 driven headless against a real hub on 127.0.0.1: the end-of-shift upload with its progress, a
 * record the hub refuses shown with its reason and opened for fixing, and the background upload.
 */
class UploadScreenTest {

    private static final String ZHANG = "500230198003151079";
    /** Households saved at the counter: with one member each, three records per household. */
    private static final int HOUSEHOLDS = 120;

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private DataKey key;
    private canbao.policy.CountyKey countyKey;
    private Application application;
    private Hub hub;
    private HubServer server;
    private String token;
    private long queued;

    @BeforeEach
    void start() throws Exception {
        // the county has published next year's table: it reaches the counter with the uploads
        Path hubPolicies = java.nio.file.Files.createDirectories(folder.resolve("hub-policy"));
        try (var made = getClass().getResourceAsStream("/policy-extra/2031.json")) {
            java.nio.file.Files.copy(made, hubPolicies.resolve("2031.json"));
        }
        // signed by the county, whose key the counter pinned at setup
        countyKey = CountyKeyFiles.init(folder.resolve("county-key"), "潼南区医疗保障局", 2023, 2035);
        CountyKeyFiles.sign(CountyKeyFiles.signer(folder.resolve("county-key")), hubPolicies.resolve("2031.json"));
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC(), PolicyShelf.load(hubPolicies));
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        token = hub.registerDevice("兴义镇-1");
        // 张三 was enrolled for 2022 at another township's counter, which uploaded first
        String payload = "{\"person\":\"p-9\",\"policyYear\":2022,\"status\":\"paid\",\"kind\":\"own\",\"tier\":1,"
                + "\"paymentDate\":\"2022-01-10\",\"payableFen\":32000,\"benefitStart\":\"2022-01-01\"}";
        List<RecordResult> first = hub.receive("龙河镇-1", new UploadBatch("b-1", "d-9", "龙河镇", "李明", List.of(
                new SyncRecord("household", "h-9", 1, "{\"number\":\"0088\"}"),
                new SyncRecord("person", "p-9", 1, "{\"household\":\"h-9\",\"birthDate\":\"1980-03-15\","
                        + "\"idNumber\":\"" + ZHANG + "\"}"),
                new SyncRecord("enrollment", "e-9", 1, payload)))).results();
        assertEquals(RecordResult.Status.ACCEPTED, first.get(2).status(), first::toString);

        try (Session session = TestKeys.setUp(folder.resolve("counter"))) {
            key = session.key();
            new WorkplaceSettings(session.database()).pinCountyKey(countyKey, TestKeys.ADMIN, java.time.Instant.now());
            // a village cadre who uploads at the end of his shift (issue 20, defect 1)
            assertTrue(session.accounts(Clock.systemUTC()).add(CADRE, "赵强", canbao.model.Role.CADRE,
                    CADRE_PASSWORD.toCharArray(), CADRE_PASSWORD.toCharArray(), TestKeys.ADMIN).isValid());
            Database database = session.database();
            HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemDefaultZone());
            assertTrue(households.save(household("0012", "张三", ZHANG), "王芳").isValid());
            for (int i = 1; i < HOUSEHOLDS; i++) {
                String first17 = "50023019700101" + String.format("%03d", i);
                assertTrue(households.save(household(String.format("1%03d", i), "村民" + i,
                        first17 + ResidentId.checkCharacter(first17)), "王芳").isValid());
            }
            queued = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox")
                    .mapTo(Long.class).one());
        }
    }

    private static HouseholdEntry household(String number, String name, String idNumber) {
        return new HouseholdEntry(number, "兴义村", "3组", null, null, List.of(new HouseholdEntry.Member(name, idNumber,
                null, null, "户主", "汉", List.of(), null, null,
                new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), null, null, null))));
    }

    private static final String CADRE = "zhaoqiang";
    private static final String CADRE_PASSWORD = "cunganbu-2026";

    private void startApp(String backgroundEverySeconds) throws Exception {
        startApp(backgroundEverySeconds, TestKeys.ADMIN, TestKeys.PASSWORD);
    }

    private void startApp(String backgroundEverySeconds, String login, String password) throws Exception {
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.resolve("counter").toString(),
                "--background-upload-every", backgroundEverySeconds);
        canbao.gui.SignInScreen.signIn(robot, login, password);
    }

    private void saveConnection(String url) {
        try (Database database = Database.open(folder.resolve("counter"), key)) {
            WorkplaceSettings settings = new WorkplaceSettings(database);
            settings.saveHubUrl(url);
            settings.saveHubToken(token);
        }
    }

    /** Issue 20, defect 1: the cadre's end-of-shift upload, with the connection the administrator saved. */
    @Test
    void aVillageCadrePressesUploadAndEverythingGoes() throws Exception {
        saveConnection("http://127.0.0.1:" + server.port());
        startApp("3600", CADRE, CADRE_PASSWORD);
        robot.clickOn(tab("上传").getText());

        robot.clickOn(screen().lookup("#uploadButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("上传完成"));

        assertEquals("上传完成：新上传" + (queued - 1) + "条，重复0条，被退回1条，冲突0条，仍待上传0条",
                text("#statusLabel"));
    }

    /**
     * Issue 20, defect 3: with the hub down, the cadre is told why within seconds, may cancel, and no
     * label anywhere shows "null" or an exception's name.
     */
    @Test
    void uploadWithTheHubDownSaysWhyAtOnceAndNoLabelShowsNullOrAnException() throws Exception {
        saveConnection("http://127.0.0.1:" + server.port());
        server.close();
        startApp("3600", CADRE, CADRE_PASSWORD);
        robot.clickOn(tab("上传").getText());
        long started = System.nanoTime();

        robot.clickOn(screen().lookup("#uploadButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("这次没有发送成功"));

        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(20));
        assertEquals("这次没有发送成功：汇总端拒绝连接（没有运行，或地址、端口不对），记录仍在本机待传", text("#statusLabel"));
        assertEquals("上传（待传" + queued + "，需处理0）", tab("上传").getText());
        assertFalse(screen().lookup("#uploadButton").queryAs(Node.class).isDisabled(), "ready to try again");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = new ArrayList<>();
        for (Tab each : robot.lookup("#tabs").queryAs(TabPane.class).getTabs()) {
            if (each.getContent() != null) {
                robot.from(each.getContent()).lookup((java.util.function.Predicate<Node>) node -> node instanceof javafx.scene.control.Labeled)
                        .queryAll().forEach(node -> shown.add(((javafx.scene.control.Labeled) node).getText()));
            }
        }
        TableView<OutboxEntry> table = screen().lookup("#entriesTable").queryAs(TableView.class);
        for (OutboxEntry entry : table.getItems()) {
            for (var column : table.getColumns()) {
                Object cell = column.getCellData(entry);
                if (cell != null) { // an empty cell shows nothing
                    shown.add(cell.toString());
                }
            }
        }
        assertTrue(shown.size() > 10, shown::toString);
        for (String text : shown) {
            if (text != null) {
                assertFalse(text.contains("null") || text.contains("Exception") || text.matches(".*[A-Z][a-z]+Error.*"),
                        "a clerk reads: " + text);
            }
        }
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
    }

    @AfterEach
    void stop() throws Exception {
        if (application != null) {
            FxToolkit.cleanupApplication(application);
        }
        FxToolkit.cleanupStages();
        server.close();
        hub.close();
    }

    @Test
    void endOfShiftUploadShowsProgressAndTheRefusedRecordWithItsReasonToOpenAndFix() throws Exception {
        startApp("3600");
        assertEquals("上传（待传" + queued + "，需处理0）", tab("上传").getText());
        robot.clickOn(tab("上传").getText());
        ProgressBar bar = screen().lookup("#progressBar").queryAs(ProgressBar.class);
        List<Double> seen = new CopyOnWriteArrayList<>();
        bar.progressProperty().addListener((o, old, value) -> seen.add(value.doubleValue()));

        robot.clickOn(screen().lookup("#hubUrlField").queryAs(Node.class)).write("http://127.0.0.1:" + server.port());
        robot.clickOn(screen().lookup("#tokenField").queryAs(Node.class)).write(token);
        robot.clickOn(screen().lookup("#checkButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#connectionLabel").startsWith("汇总端可以连接"));
        robot.clickOn(screen().lookup("#uploadButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("上传完成"));

        assertEquals("上传完成：新上传" + (queued - 1) + "条，重复0条，被退回1条，冲突0条，仍待上传0条",
                text("#statusLabel"));
        assertEquals(1.0, bar.getProgress());
        assertEquals("已发送 " + queued + " / " + queued + " 条", text("#progressLabel"));
        assertTrue(seen.stream().anyMatch(p -> p > 0 && p < 1), "progress moved batch by batch: " + seen);
        assertEquals(seen.stream().sorted().toList(), seen, "progress only grows");

        TableView<OutboxEntry> table = screen().lookup("#entriesTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        OutboxEntry refused = table.getItems().get(0);
        assertEquals("enrollment", refused.entity());
        assertEquals("DUPLICATE_ENROLLMENT", refused.hubCode());
        // the refused row is highlighted (once the table has laid out its rows)
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> rowOf(table, refused)
                .filter(row -> row.getStyleClass().contains("refused")).isPresent());
        List<String> cells = new ArrayList<>();
        for (var column : table.getColumns()) {
            cells.add(String.valueOf(column.getCellData(refused)));
        }
        assertEquals(List.of("被退回", "参保缴费", "0012", "张三", "1", "1"), cells.subList(0, 6));
        assertTrue(cells.get(6).startsWith("此人已参加2022年度居民医保（龙河镇，设备龙河镇-1，"), cells.get(6));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab("上传（").getText().equals("上传（待传0，需处理1）"));

        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(rowOf(table, refused).orElseThrow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> refused.equals(table.getSelectionModel().getSelectedItem()));
        Node open = screen().lookup("#openHouseholdButton").queryAs(Node.class);
        robot.clickOn(screen().lookup("#retryButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已放回待上传队列"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab("上传（").getText().equals("上传（待传1，需处理0）"));
        assertEquals("待上传", table.getColumns().get(0).getCellData(0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(rowOf(table, table.getItems().get(0)).orElseThrow());
        robot.clickOn(open);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> selectedTab().getText().equals("家庭参保登记"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").contains("0012"));
        assertEquals("0012", screen().lookup("#numberField").queryAs(javafx.scene.control.TextField.class).getText());
    }

    @Test
    void backgroundUploadSendsEverythingWhenTheHubIsReachableWithoutTheClerkDoingAnything() throws Exception {
        try (Database database = Database.open(folder.resolve("counter"), key)) {
            WorkplaceSettings settings = new WorkplaceSettings(database);
            settings.saveHubUrl("http://127.0.0.1:" + server.port());
            settings.saveHubToken(token);
        }
        startApp("1");

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> enrolledAtTheHub("兴义镇") == HOUSEHOLDS - 1);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab("上传").getText().equals("上传（待传0，需处理1）"));
        assertEquals("家庭参保登记", selectedTab().getText(), "the clerk's screen stays in front");

        robot.clickOn(tab("上传").getText());
        assertTrue(text("#backgroundLabel").matches("\\d\\d:\\d\\d 后台自动上传了 \\d+ 条，仍待上传 0 条"),
                text("#backgroundLabel"));
        assertEquals("已从汇总端下载政策表：2031（2031.test），重新启动参保通后启用", text("#policyLabel"));
        assertTrue(java.nio.file.Files.exists(folder.resolve("counter").resolve("policy").resolve("2031.json")));
    }

    /**
     * Issue 16: a table changed on its way after the county signed it is refused, the Upload screen says
     * why, and the counter's tables stay as they were.
     */
    @Test
    void aTableChangedAfterTheCountySignedItIsRefusedOnTheUploadScreenWithTheReason() throws Exception {
        server.close();
        hub.close();
        Path table = folder.resolve("hub-policy").resolve("2031.json");
        java.nio.file.Files.writeString(table, java.nio.file.Files.readString(table)
                .replace("\"2031.test\"", "\"2031.fake\""));
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC(),
                PolicyShelf.load(folder.resolve("hub-policy")));
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        saveConnection("http://127.0.0.1:" + server.port());
        startApp("1");
        robot.clickOn(tab("上传").getText());

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> !text("#policyLabel").isEmpty());

        assertEquals("汇总端的政策表未采用：2031.json: 签名与文件内容不符（文件可能在传输中被改动），未采用",
                text("#policyLabel"));
        assertFalse(java.nio.file.Files.exists(folder.resolve("counter").resolve("policy").resolve("2031.json")));
        assertEquals("潼南区医疗保障局（可签2023—2035年度），指纹 " + countyKey.fingerprint(), text("#countyKeyLabel"));
    }

    private java.util.Optional<TableRow<?>> rowOf(TableView<OutboxEntry> table, OutboxEntry entry) {
        return robot.from(table).lookup(".table-row-cell").queryAll().stream().<TableRow<?>>map(node -> (TableRow<?>) node)
                .filter(r -> r.isVisible() && r.getIndex() == table.getItems().indexOf(entry) && entry.equals(r.getItem()))
                .findFirst();
    }

    private long enrolledAtTheHub(String township) {
        return hub.stats().stream().filter(row -> row.get("township").equals(township))
                .mapToLong(row -> (Long) row.get("enrollments")).sum();
    }

    private Tab tab(String titleStart) {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return tabs.getTabs().stream().filter(t -> t.getText().startsWith(titleStart)).findFirst().orElseThrow();
    }

    private Tab selectedTab() {
        return robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem();
    }

    /** Lookups inside the selected tab: other tabs have fields with the same ids. */
    private NodeQuery screen() {
        return robot.from(selectedTab().getContent());
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
