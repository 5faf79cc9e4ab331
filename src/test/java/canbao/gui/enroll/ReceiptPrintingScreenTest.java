package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.gui.common.DialogService;
import canbao.policy.ResidentId;
import canbao.report.SystemPrinting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20, defect 11, on the screen: after saving a family, 打印缴费凭条 on a machine with no printer
 * says so in Chinese — never "已生成" — and offers the receipt as a PDF, written to the file the
 * operator chose; nothing with the family's name or ID number is left in the system's temporary
 * folder. The window's ports are the test's: no printers, and the operator's answers (the file chooser
 * is the operating system's dialog, not ours).
 */
class ReceiptPrintingScreenTest {

    /** A family no other test uses, so that a file anywhere in the temporary folder can be told apart. */
    private static final String NAME = "钱印单";
    private static final String ID_NUMBER = "50023019750505123" + ResidentId.checkCharacter("50023019750505123");

    @TempDir
    Path folder;

    @TempDir
    Path documents;

    private final FxRobot robot = new FxRobot();
    private final Answers answers = new Answers();
    private Application application;
    private Instant started;

    @BeforeEach
    void start() throws Exception {
        started = Instant.now().minusSeconds(1);
        canbao.store.TestKeys.setUp(folder).close();
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(() -> new CanbaoApp(
                new CanbaoApp.Ports(owner -> answers, SystemPrinting.none()),
                List.of("--data", folder.toString(), "--today", "2022-01-10")));
        canbao.gui.SignInScreen.signIn(robot, canbao.store.TestKeys.ADMIN, canbao.store.TestKeys.PASSWORD);
        robot.clickOn("家庭参保登记");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void receiptWithNoPrinterSaysSoAndIsSavedAsPdfWhereTheOperatorChose() throws Exception {
        Button printReceipt = screen().lookup("#printReceiptButton").queryAs(Button.class);
        assertTrue(printReceipt.isDisabled(), "nothing saved yet: nothing to print");
        click("#numberField").write("0099");
        click("#villageField").write("兴义村");
        click("#receiptField").write("R0099");
        DatePicker paymentDate = screen().lookup("#paymentDatePicker").queryAs(DatePicker.class);
        robot.clickOn(paymentDate.getEditor());
        robot.interact(paymentDate.getEditor()::selectAll);
        robot.write("2022-01-10").push(KeyCode.TAB);
        click("#nameField").write(NAME);
        robot.push(KeyCode.TAB).write(ID_NUMBER);
        robot.push(KeyCode.TAB).write("户主");
        ComboBox<?> tierBox = screen().lookup("#tierBox").queryAs(ComboBox.class);
        robot.interact(() -> tierBox.getSelectionModel().select(0));
        click("#nameField").push(KeyCode.ENTER);
        click("#saveButton");
        waitForStatus(status -> status.startsWith("已保存"));

        robot.clickOn(printReceipt);
        waitForStatus(status -> status.contains("已存为PDF"));

        Path chosen = documents.resolve("缴费凭条 户0099 2022-01-10.pdf");
        assertEquals("没有打印“缴费凭条 户0099 2022-01-10”：没有可用的打印机（本机没有安装或连接打印机）；已存为PDF：" + chosen,
                status());
        assertEquals(List.of("没有打印“缴费凭条 户0099 2022-01-10”：没有可用的打印机（本机没有安装或连接打印机）。\n"
                + "要把它另存为PDF文件吗？"), answers.questions);
        try (PDDocument document = Loader.loadPDF(chosen.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("缴费凭条") && text.contains(NAME) && text.contains("收据号：R0099")
                    && text.contains("320元"), text);
        }
        assertEquals(List.of(), leftInTemporaryFolder(), "files in java.io.tmpdir holding the family's name or ID");
    }

    /** Files written to the system's temporary folder since the test began that hold the name or the ID number. */
    private List<Path> leftInTemporaryFolder() throws IOException {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(temporary, 4)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.startsWith(folder) || file.startsWith(documents) || !isNew(file)) {
                    continue; // this test's own folders: the data folder and the folder the operator chose
                }
                if (holdsTheFamily(file)) {
                    found.add(file);
                }
            }
        } catch (java.io.UncheckedIOException unreadableFolder) {
            // another process's private folder: not ours to read, and not where we write
        }
        return found;
    }

    private boolean isNew(Path file) {
        try {
            return Files.getLastModifiedTime(file).compareTo(FileTime.from(started)) >= 0;
        } catch (IOException gone) {
            return false;
        }
    }

    private static boolean holdsTheFamily(Path file) {
        try {
            if (Files.size(file) > 20_000_000) {
                return false;
            }
            byte[] bytes = Files.readAllBytes(file);
            String raw = new String(bytes, StandardCharsets.UTF_8);
            if (raw.contains(NAME) || raw.contains(ID_NUMBER)) {
                return true;
            }
            if (raw.startsWith("%PDF")) {
                try (PDDocument document = Loader.loadPDF(bytes)) {
                    String text = new PDFTextStripper().getText(document);
                    return text.contains(NAME) || text.contains(ID_NUMBER);
                }
            }
            return false;
        } catch (IOException unreadable) {
            return false;
        }
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(screen().lookup(query).queryAs(Node.class));
    }

    private String status() {
        return screen().lookup("#statusLabel").queryAs(Label.class).getText();
    }

    private void waitForStatus(java.util.function.Predicate<String> reached) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> reached.test(status()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The operator: yes to every question (recorded), and the suggested name in the documents folder. */
    private final class Answers implements DialogService {
        final List<String> questions = new CopyOnWriteArrayList<>();

        @Override
        public boolean confirm(String title, String question, String yes, String no) {
            questions.add(question);
            return true;
        }

        @Override
        public Optional<String> askText(String title, String question, int maxLength) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> chooseFileToSave(String title, String suggestedName, List<FileType> types) {
            return Optional.of(documents.resolve(suggestedName));
        }
    }
}
