package canbao.gui.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.model.Role;
import canbao.policy.ResidentId;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20, defect 10: on a 1366×768 window a refused roster's problems are a list the clerk can read
 * (not 12 px tall), made taller by dragging the divider, and exported to XLSX through the program's
 * file dialog. Signed in as a 柜员.
 */
class ImportProblemsScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        try (Session session = TestKeys.setUp(folder.resolve("data"))) {
            assertTrue(session.accounts(Clock.systemUTC()).add("lijuan", "李娟", Role.CLERK,
                    "guiyuan-2026".toCharArray(), "guiyuan-2026".toCharArray(), TestKeys.ADMIN).isValid());
        }
        StringBuilder roster = new StringBuilder("户号,村(社区),组,姓名,身份证号,与户主关系,民族,联系电话\n");
        for (int i = 1; i <= 30; i++) {
            // every tenth ID number has a wrong check character: three problems
            String first17 = "50023019700101" + String.format("%03d", i);
            char check = ResidentId.checkCharacter(first17);
            char written = i % 10 == 0 ? (check == '0' ? '1' : '0') : check;
            roster.append(String.format("%04d,兴义村,3组,村民%d,%s%c,户主,汉,\n", i, i, first17, written));
        }
        Files.writeString(folder.resolve("花名册.csv"), roster.toString());
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.resolve("data").toString(),
                "--today", "2022-01-10", "--background-upload-every", "3600");
        canbao.gui.SignInScreen.signIn(robot, "lijuan", "guiyuan-2026");
        Stage stage = (Stage) robot.lookup("#tabs").query().getScene().getWindow();
        robot.interact(() -> {
            stage.setMaximized(false);
            stage.setX(0);
            stage.setY(0);
            stage.setWidth(1366);
            stage.setHeight(768);
        });
        robot.clickOn("统计报表");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void theProblemsOfARefusedRosterAreAListToReadToEnlargeAndToExport() throws Exception {
        TextField path = screen().lookup("#fileField").queryAs(TextField.class);
        robot.clickOn(path).write(folder.resolve("花名册.csv").toString());
        robot.clickOn(screen().lookup("#importButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#importStatusLabel").startsWith("文件有"));
        ListView<String> problems = screen().lookup("#problemList").queryAs(ListView.class);
        assertEquals(3, problems.getItems().size());
        WaitForAsyncUtils.waitForFxEvents();
        double before = problems.getHeight();
        assertTrue(before >= 100, "the list shows several lines on a 1366×768 window: " + before + " px");

        SplitPane split = screen().lookup("#reportSplit").queryAs(SplitPane.class);
        robot.interact(() -> split.setDividerPositions(0.7));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(problems.getHeight() > before + 150, "dragged taller: " + before + " → " + problems.getHeight());

        robot.clickOn(screen().lookup("#exportProblemsButton").queryAs(Node.class));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#fileDialogName").tryQuery().isPresent());
        assertEquals("导入问题.xlsx", robot.lookup("#fileDialogName").queryAs(TextField.class).getText());
        TextField location = robot.lookup("#fileDialogLocation").queryAs(TextField.class);
        robot.clickOn(location);
        robot.interact(location::selectAll);
        robot.write(folder.toString()).push(KeyCode.ENTER);
        robot.clickOn(robot.lookup("#fileDialogName").queryAs(Node.class)).push(KeyCode.ENTER);
        Path exported = folder.resolve("导入问题.xlsx");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#importStatusLabel").startsWith("已导出"));
        assertEquals("已导出3个问题：" + exported, text("#importStatusLabel"));

        List<List<String>> rows = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(exported.toFile())) {
            for (Row row : workbook.getFirstSheet().read()) {
                List<String> cells = new ArrayList<>();
                row.forEach(cell -> cells.add(cell == null ? "" : cell.getText()));
                rows.add(cells);
            }
        }
        assertEquals("导入问题清单：花名册.csv", rows.get(0).get(0));
        // (the reader leaves out the empty line under the subtitle)
        assertEquals(List.of("序号", "位置", "问题"), rows.get(2));
        assertEquals(List.of("第11行 身份证号", "第21行 身份证号", "第31行 身份证号"),
                rows.subList(3, 6).stream().map(row -> row.get(1)).toList());
        assertTrue(rows.get(3).get(2).startsWith("身份证号校验码错误"), rows.get(3).toString());
        assertEquals(6, rows.size());
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
