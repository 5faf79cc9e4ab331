package canbao.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.MemberRow;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.model.Role;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20, "done when": a clerk's whole day on a 1366×768 window, driven headless like a person would —
 * first run, the administrator adds a clerk and the hub connection, the clerk signs in, types a family of
 * four with the keyboard only, is told at once of a person already enrolled, registers a newborn, opens
 * the saved family showing what was paid, saves the 参保登记表 as PDF, uploads with the hub down (told why,
 * records stay) and again with the hub up, and signs out. Each step asserts what the screen says; each
 * step's screen is saved under target/day-walk/ for review, and no text anywhere may read "null" or
 * name an exception.
 */
class DayWalkTest {

    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;
    private static final Path SHOTS = Path.of("target", "day-walk");
    private static final String ZHANG = "500230198003151079";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private javafx.application.Application application;
    private Hub hub;
    private HubServer server;
    private int shots;

    @AfterEach
    void stop() throws Exception {
        if (application != null) {
            FxToolkit.cleanupApplication(application);
        }
        FxToolkit.cleanupStages();
        if (server != null) {
            server.close();
        }
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void aClerksWholeDayOnA1366By768Screen() throws Exception {
        Files.createDirectories(SHOTS);
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        String token = hub.registerDevice("兴义镇-1");
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // the county's hub will listen here, later in the day
        }
        Path documents = Files.createDirectories(folder.resolve("文档"));

        // ---- first run: the township and its administrator, typed and submitted with Enter
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.resolve("counter").toString(),
                "--today", "2022-01-10", "--background-upload-every", "3600");
        fitTheCounterScreen();
        shot("first-run");
        robot.clickOn(robot.lookup("#townshipField").queryAs(Node.class));
        robot.write("兴义镇").push(KeyCode.TAB).write("500230").push(KeyCode.TAB).write("wangfang")
                .push(KeyCode.TAB).write("王芳").push(KeyCode.TAB).write("xingyi-2026")
                .push(KeyCode.TAB).write("xingyi-2026").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#mainWindow").tryQuery().isPresent());
        fitTheCounterScreen();
        assertEquals("兴义镇（500230） 操作员：王芳（管理员）", label(robot.lookup("#workplaceLabel")));
        shot("administrator-signed-in");

        // ---- the administrator adds the clerk and saves the county hub's address and this counter's token
        robot.clickOn("操作员");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#accountsTable").tryQuery().isPresent());
        AppFixture.type(robot, "#accountsPane #loginField", "lijuan");
        AppFixture.type(robot, "#accountsPane #nameField", "李娟");
        @SuppressWarnings("unchecked")
        ChoiceBox<Role> role = robot.lookup("#roleChoice").queryAs(ChoiceBox.class);
        robot.interact(() -> role.setValue(Role.CLERK));
        AppFixture.type(robot, "#accountsPane #passwordField", "guiyuan-2026");
        AppFixture.type(robot, "#accountsPane #repeatedField", "guiyuan-2026");
        robot.push(KeyCode.ENTER); // Enter in the form adds the account
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> label(robot.lookup("#accountsPane #messageLabel")).startsWith("已添加操作员"));
        assertEquals("已添加操作员 李娟（lijuan）", label(robot.lookup("#accountsPane #messageLabel")));
        robot.clickOn(tab("上传").getText());
        robot.clickOn(screen().lookup("#hubUrlField").queryAs(Node.class)).write("http://127.0.0.1:" + port);
        robot.clickOn(screen().lookup("#tokenField").queryAs(Node.class)).write(token);
        robot.clickOn(screen().lookup("#saveConnectionButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").equals("连接设置已保存"));
        shot("hub-connection-saved");
        robot.clickOn(robot.lookup("#signOutButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#signInButton").tryQuery().isPresent());

        // ---- the clerk signs in with the keyboard: login, Tab, password, Enter
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> focusedId().equals("loginField"));
        robot.write("lijuan").push(KeyCode.TAB).write("guiyuan-2026").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> robot.lookup("#mainWindow").tryQuery().isPresent());
        fitTheCounterScreen();
        assertEquals("兴义镇（500230） 操作员：李娟（柜员）", label(robot.lookup("#workplaceLabel")));
        assertEquals(List.of("家庭参保登记", "续保", "新生儿登记", "费用测算", "统计报表", "上传", "读卡器"), tabTitles());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> focusedId().equals("searchField"));
        shot("clerk-signed-in");
        assertFitsTheWindow("#saveButton", "#printMenu", "#totalLabel", "#statusLabel", "#addMemberButton");

        // ---- a family of four, with the keyboard only
        tabTo("numberField");
        robot.write("0012").push(KeyCode.TAB).write("兴义村").push(KeyCode.TAB).write("3组");
        tabTo("receiptField");
        robot.write("R0012");
        tabTo("nameField");
        member("张三", ZHANG, "户主", false, false);
        member("李四", "500230198207073877", "配偶", true, false);
        member("张老汉", "500230194501011230", "父亲", false, true);
        member("张小花", "500230201005051244", "女", false, false);
        TableView<MemberRow> members = screen().lookup("#membersTable").queryAs(TableView.class);
        assertEquals(List.of("张三", "李四", "张老汉", "张小花"), members.getItems().stream().map(MemberRow::name).toList());
        assertEquals("低保对象", categoryCell(members, 2).substring(0, 4));
        assertEquals("32 元", cell(members, "payableColumn", 2));
        assertEquals("695 元", cell(members, "payableColumn", 1));
        assertEquals("合计应缴：1367 元", text("#totalLabel"));
        assertEquals("全家一档合计 992 元 / 全家二档合计 2460 元", text("#comparisonLabel"));
        shot("family-of-four-typed");

        robot.clickOn(screen().lookup("#saveButton").queryAs(Node.class));
        waitForStatus("已保存");
        assertEquals("已保存：户0012，4人登记参保，合计应缴1367元", text("#statusLabel"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#totalLabel").contains("已缴"));
        assertEquals("合计应缴：0 元（本户本年度已缴 1367 元）", text("#totalLabel"));
        assertTrue(cell(members, "noteColumn", 2).startsWith("已参加2022年度（已缴费，应缴32元"), cell(members, "noteColumn", 2));
        shot("family-saved");

        // ---- another household where the head of the family is typed again: caught when typed, before any money
        robot.clickOn(screen().lookup("#newHouseholdButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> focusedId().equals("numberField"));
        robot.write("0013").push(KeyCode.TAB).write("兴义村");
        tabTo("receiptField");
        robot.write("R0013");
        tabTo("nameField");
        member("张三", ZHANG, "户主", false, false);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cell(members, "noteColumn", 0).startsWith("已在户0012"));
        assertEquals("已在户0012（兴义村）参加2022年度居民医保（2022-01-10，李娟登记），不计入本户合计、不会重复登记；点“打开该户”查看",
                cell(members, "noteColumn", 0));
        assertEquals("合计应缴：0 元", text("#totalLabel"));
        shot("duplicate-caught-at-entry");

        // ---- a newborn of the family, covered with her father
        robot.clickOn("新生儿登记");
        robot.clickOn(screen().lookup("#nameField").queryAs(Node.class));
        robot.write("张小宝").push(KeyCode.TAB).write("2022-01-05").push(KeyCode.TAB).write("Q500123456")
                .push(KeyCode.TAB).write("女").push(KeyCode.TAB).write(ZHANG).push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("#guardianLabel").isEmpty());
        assertEquals("监护人：张三（户0012，兴义村）", text("#guardianLabel"));
        assertEquals("随监护人享受待遇：监护人当年已缴费即可，无需缴费，不受出生后90天限制", text("#deadlineLabel"));
        robot.clickOn(screen().lookup("#saveNewbornButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("#statusLabel").isEmpty());
        assertEquals("已登记新生儿张小宝：随监护人享受（不缴费）", text("#statusLabel"));
        shot("newborn-registered");

        // ---- the family again, found with Enter and opened with Enter: what each paid
        robot.clickOn("家庭参保登记");
        robot.clickOn(screen().lookup("#newHouseholdButton").queryAs(Node.class));
        robot.clickOn(screen().lookup("#searchField").queryAs(Node.class)).write("0012").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> focusedId().equals("hitsList"));
        robot.push(KeyCode.ENTER);
        waitForStatus("已打开户0012");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> members.getItems().size() == 5);
        assertEquals("已打开户0012（5人）", text("#statusLabel"));
        assertEquals("合计应缴：0 元（本户本年度已缴 1367 元）", text("#totalLabel"));
        for (int row = 0; row < 5; row++) {
            assertTrue(cell(members, "noteColumn", row).startsWith("已参加2022年度"), cell(members, "noteColumn", row));
        }
        assertTrue(cell(members, "noteColumn", 0).contains("2022-01-10缴费，收据R0012"), cell(members, "noteColumn", 0));
        shot("saved-family-shows-what-was-paid");

        // ---- the 参保登记表 saved as PDF, through the program's own file dialog
        robot.clickOn(screen().lookup("#printMenu").queryAs(Node.class));
        robot.clickOn("参保登记表存为PDF…");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#fileDialogName").tryQuery().isPresent());
        Window dialog = robot.lookup("#fileDialogName").query().getScene().getWindow();
        // the printout is made in the background first, so the dialog opens (and is sized) a moment later
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> dialog.isShowing() && dialog.getWidth() > 0);
        assertTrue(dialog.getWidth() <= WIDTH && dialog.getHeight() <= HEIGHT,
                "the file dialog fits the window: " + dialog.getWidth() + "×" + dialog.getHeight());
        // the printout's own name: the document, the household and the payment day
        assertEquals("参保登记表 户0012 2022-01-10.pdf", robot.lookup("#fileDialogName").queryAs(TextField.class).getText());
        shot("file-dialog", dialog.getScene());
        TextField location = robot.lookup("#fileDialogLocation").queryAs(TextField.class);
        robot.clickOn(location);
        robot.interact(location::selectAll);
        robot.write(documents.toString()).push(KeyCode.ENTER);
        robot.clickOn(robot.lookup("#fileDialogName").queryAs(Node.class)).push(KeyCode.ENTER);
        Path form = documents.resolve("参保登记表 户0012 2022-01-10.pdf");
        waitForStatus("已存为PDF");
        assertEquals("已存为PDF：" + form, text("#statusLabel"));
        try (var document = org.apache.pdfbox.Loader.loadPDF(form.toFile())) {
            String printed = new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            assertTrue(printed.contains("0012") && printed.contains("张老汉") && printed.contains("张小宝"), printed);
        }
        shot("registration-form-saved-as-pdf");

        // ---- end of shift: the hub is not up yet
        robot.clickOn(tab("上传").getText());
        robot.clickOn(screen().lookup("#uploadButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("这次没有发送成功"));
        assertEquals("这次没有发送成功：汇总端拒绝连接（没有运行，或地址、端口不对），记录仍在本机待传", text("#statusLabel"));
        String pending = tab("上传").getText();
        assertEquals("上传（待传12，需处理0）", pending, "the records stay on the counter");
        shot("upload-without-hub");
        noNullOrExceptionShown(10);

        // ---- the hub is up: everything goes
        server = new HubServer(hub, "127.0.0.1", port, HubServer.DEFAULT_MAX_BATCH_BYTES).start();
        robot.clickOn(screen().lookup("#uploadButton").queryAs(Node.class));
        waitForStatus("上传完成", 60);
        // the household, five persons, the 低保 category and five enrolments
        assertEquals("上传完成：新上传12条，重复0条，被退回0条，冲突0条，仍待上传0条", text("#statusLabel"));
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tab("上传").getText().equals("上传"));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(tab("上传").getText() + " after " + text("#statusLabel"), e);
        }
        assertEquals(5L, hub.stats().stream().filter(row -> row.get("township").equals("兴义镇"))
                .mapToLong(row -> (Long) row.get("enrollments")).sum(), "four paid and the newborn, at the hub");
        shot("upload-with-hub");
        noNullOrExceptionShown(10);

        // ---- signed out: the next operator's sign-in screen
        robot.clickOn(robot.lookup("#signOutButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#signInButton").tryQuery().isPresent());
        assertFalse(robot.lookup("#mainWindow").tryQuery().isPresent());
        shot("signed-out");
        noNullOrExceptionShown(4);
    }

    // ---- the member form, by keyboard --------------------------------------------------------------

    /** From the name field: name, Tab, ID number, Tab, relation, Tab to the tier (↓ 二档, ↑ 一档); 低保 picked by typing; Enter. */
    private void member(String name, String idNumber, String relation, boolean tierTwo, boolean dibao) throws Exception {
        assertEquals("nameField", focusedId());
        robot.write(name).push(KeyCode.TAB).write(idNumber).push(KeyCode.TAB).write(relation);
        // the tier stays as the last member's: ↓ for 二档, ↑ for 一档
        tabTo("tierBox");
        robot.push(tierTwo ? KeyCode.DOWN : KeyCode.UP);
        if (dibao) {
            tabTo("categoriesBox");
            robot.push(KeyCode.DOWN); // opens the list, never another tab
            assertEquals("家庭参保登记", selectedTab().getText());
            robot.write("dbdx").push(KeyCode.SPACE).push(KeyCode.ENTER);
            CheckComboBox<?> box = screen().lookup("#categoriesBox").queryAs(CheckComboBox.class);
            assertEquals(List.of("DIBAO"), List.copyOf(box.getCheckModel().getCheckedItems()));
        }
        int before = screen().lookup("#membersTable").queryAs(TableView.class).getItems().size();
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS,
                () -> screen().lookup("#membersTable").queryAs(TableView.class).getItems().size() == before + 1);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> focusedId().equals("nameField"));
    }

    /** Presses Tab until the cursor is in the field with this id (a date picker's editor counts as it). */
    private void tabTo(String id) {
        for (int i = 0; i < 40 && !focusedId().equals(id); i++) {
            robot.push(KeyCode.TAB);
        }
        assertEquals(id, focusedId(), "Tab reaches " + id);
    }

    private String focusedId() {
        WaitForAsyncUtils.waitForFxEvents();
        Stage stage = mainStage();
        Node focused = stage.getScene().getFocusOwner();
        while (focused != null && focused.getId() == null) {
            focused = focused.getParent();
        }
        return focused == null ? "" : focused.getId();
    }

    // ---- the window -------------------------------------------------------------------------------

    private Stage mainStage() {
        return (Stage) robot.listTargetWindows().stream().filter(w -> w instanceof Stage && w.isShowing()
                && ((Stage) w).getOwner() == null).findFirst().orElseThrow();
    }

    /** The counter's screen: 1366×768, the window filling it (as the program's maximised window would). */
    private void fitTheCounterScreen() {
        Stage stage = mainStage();
        robot.interact(() -> {
            stage.setMaximized(false);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(WIDTH);
            stage.setHeight(HEIGHT);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** These nodes of the selected screen lie wholly inside the 1366×768 window: nothing to scroll to. */
    private void assertFitsTheWindow(String... queries) {
        Scene scene = mainStage().getScene();
        for (String query : queries) {
            Node node = screen().lookup(query).query();
            Bounds bounds = node.localToScene(node.getBoundsInLocal());
            assertTrue(bounds.getMinX() >= 0 && bounds.getMaxX() <= scene.getWidth() + 0.5
                    && bounds.getMinY() >= 0 && bounds.getMaxY() <= scene.getHeight() + 0.5,
                    query + " lies inside the " + scene.getWidth() + "×" + scene.getHeight() + " window: " + bounds);
        }
    }

    private List<String> tabTitles() {
        return robot.lookup("#tabs").queryAs(TabPane.class).getTabs().stream().map(Tab::getText)
                .map(title -> title.startsWith("上传") ? "上传" : title).toList();
    }

    private Tab tab(String titleStart) {
        return robot.lookup("#tabs").queryAs(TabPane.class).getTabs().stream()
                .filter(t -> t.getText().startsWith(titleStart)).findFirst().orElseThrow();
    }

    private Tab selectedTab() {
        return robot.lookup("#tabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem();
    }

    /** Lookups inside the selected tab: several screens have fields with the same ids. */
    private NodeQuery screen() {
        return robot.from(selectedTab().getContent());
    }

    private String text(String query) {
        return label(screen().lookup(query));
    }

    private static String label(NodeQuery query) {
        return query.queryAs(Label.class).getText();
    }

    private void waitForStatus(String start) throws Exception {
        waitForStatus(start, 15);
    }

    /** Waits for the status line to start so; on time out, says what it read instead. */
    private void waitForStatus(String start, int seconds) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith(start));
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the status line still reads: " + text("#statusLabel"), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String cell(TableView<MemberRow> table, String columnId, int row) {
        Object value = table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow()
                .getCellObservableValue(row).getValue();
        return value == null ? "" : value.toString();
    }

    private static String categoryCell(TableView<MemberRow> table, int row) {
        return cell(table, "categoriesColumn", row);
    }

    // ---- what the clerk reads -----------------------------------------------------------------------

    /** Every text on every window and tab, and every table cell: never "null", never an exception's name. */
    private void noNullOrExceptionShown(int atLeast) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = new ArrayList<>();
        Predicate<Node> labeled = node -> node instanceof Labeled;
        for (Window window : robot.listTargetWindows()) {
            if (window.isShowing() && window.getScene() != null) {
                robot.from(window.getScene().getRoot()).lookup(labeled).queryAll()
                        .forEach(node -> shown.add(((Labeled) node).getText()));
                robot.from(window.getScene().getRoot()).lookup((Predicate<Node>) node -> node instanceof TableView)
                        .queryAll().forEach(node -> cells((TableView<?>) node, shown));
            }
        }
        robot.lookup("#tabs").tryQuery().ifPresent(tabs -> ((TabPane) tabs).getTabs().forEach(each -> {
            shown.add(each.getText());
            if (each.getContent() != null) {
                robot.from(each.getContent()).lookup(labeled).queryAll()
                        .forEach(node -> shown.add(((Labeled) node).getText()));
            }
        }));
        assertTrue(shown.size() > atLeast, shown::toString);
        for (String text : shown) {
            if (text != null) {
                assertFalse(text.contains("null") || text.contains("Exception")
                                || text.matches(".*[A-Z][a-z]+Error.*") || text.matches(".*\\bjava\\.[a-z]+\\..*"),
                        "a clerk reads: " + text);
            }
        }
    }

    private static <T> void cells(TableView<T> table, List<String> shown) {
        for (T item : table.getItems()) {
            for (var column : table.getColumns()) {
                Object value = column.getCellData(item);
                if (value != null) {
                    shown.add(value.toString());
                }
            }
        }
    }

    // ---- screenshots for review -------------------------------------------------------------------

    private void shot(String name) throws Exception {
        shot(name, mainStage().getScene());
    }

    private void shot(String name, Scene scene) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get(10, TimeUnit.SECONDS);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        shots++;
        ImageIO.write(png, "png", SHOTS.resolve(String.format("%02d-%s.png", shots, name)).toFile());
    }
}
