package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.MemberRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 18 at the counter, headless: the window started with {@code --reader simulated:FILE}; a card
 * placed fills the member, is quoted and saved; the same card on a new household says the person is
 * already registered and opens that household; the same card on 费用测算 adds the member with its quote;
 * a scanner types a 医保电子凭证 code and an ID barcode into 扫码, a hand typing a code is not taken for one.
 */
class CardReaderScreenTest {

    private static final String ZHANG = "{\"name\":\"张三\",\"sex\":\"男\",\"ethnicity\":\"汉\",\"birthDate\":\"1980-03-15\","
            + "\"address\":\"重庆市彭水县保家镇兴义村3组\",\"idNumber\":\"500230198003151079\",\"issuedBy\":\"彭水县公安局\","
            + "\"validFrom\":\"2015-06-01\",\"validTo\":\"2035-06-01\"}\n";

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;
    private Path cards;

    @BeforeEach
    void start() throws Exception {
        canbao.store.TestKeys.setUp(folder).close();
        cards = folder.resolve("cards.jsonl");
        Files.writeString(cards, "");
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(canbao.gui.CanbaoApp.class, "--data", folder.toString(),
                "--today", "2022-01-10", "--reader", "simulated:" + cards);
        canbao.gui.SignInScreen.signIn(robot, canbao.store.TestKeys.ADMIN, canbao.store.TestKeys.PASSWORD);
        robot.clickOn("家庭参保登记");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void aCardPlacedFillsTheMemberIsQuotedAndSavedThenIsKnownOnTheNextHousehold() throws Exception {
        // polled while the screen is shown: an empty reader asks for a card
        waitForReader("读卡器已连接，请放卡");
        typeHousehold();
        Files.writeString(cards, ZHANG, StandardOpenOption.APPEND);
        // placing the card is enough (polling); 读卡 is not pressed
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "张三".equals(field("#nameField").getText()));
        assertEquals("500230198003151079", field("#idNumberField").getText());
        assertEquals("汉", field("#ethnicityField").getText());
        assertEquals("重庆市彭水县保家镇兴义村3组", field("#addressField").getText());
        assertEquals("已读入成员栏，请核对后按回车添加", text("#readerStatusLabel"));

        click("#nameField").push(KeyCode.ENTER);
        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertEquals("张三", table.getItems().get(0).name());
        assertEquals("320 元", cell(table, "payableColumn", 0));
        assertEquals("合计应缴：320 元", text("#totalLabel"));
        click("#saveButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已保存"));

        // the next family: the same card is read again, and the person is said to be registered already
        click("#newHouseholdButton");
        click("#readCardButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#readerStatusLabel").startsWith("张三已登记"));
        assertEquals("张三已登记在户0012（兴义村），可按“打开该户”查看", text("#readerStatusLabel"));
        assertEquals("", field("#nameField").getText(), "not typed in again");
        click("#openStoredPersonButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "0012".equals(field("#numberField").getText()));

        // 费用测算: the card still on the reader adds the walk-in with its quote (polling, no key pressed)
        robot.clickOn("费用测算");
        TableView<MemberRow> quoted = screen().lookup("#membersTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> quoted.getItems().size() == 1
                && "已读卡并添加成员".equals(text("#readerStatusLabel")));
        assertEquals("320 元", cell(quoted, "payableColumn", 0));
        // 读卡 pressed as well: the same person is not quoted twice, and the strip says why
        click("#readCardButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "同一户中此人重复出现".equals(text("#readerStatusLabel")));
        assertEquals(1, quoted.getItems().size());
    }

    @Test
    void aScannerTypesACodeAndABarcodeIntoTheScanFieldAndAHandIsNotTakenForIt() throws Exception {
        // the reader's first answer (its state) is said once; the scans below are said after it
        waitForReader("读卡器已连接，请放卡");
        TextField scan = field("#scanField");
        // a scanner: every key within a few milliseconds, then Enter
        keys(scan, "E3A1F0C9B7D24C5E8A11", 0);
        assertEquals("已扫描医保电子凭证（E3A1************8A11），添加成员时一并保存", text("#readerStatusLabel"));
        assertEquals("", scan.getText());

        keys(scan, "500230198003151079", 0);
        assertEquals("500230198003151079", field("#idNumberField").getText());
        assertEquals("已扫入身份证号", text("#readerStatusLabel"));

        click("#nameField").write("张三");
        click("#nameField").push(KeyCode.ENTER);
        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 1);
        assertEquals("E3A1F0C9B7D24C5E8A11", table.getItems().get(0).insuranceCode(), "kept with the member");

        // a hand typing a code: far slower than a scanner, not taken for a 医保电子凭证
        keys(scan, "E3A1F0C9B7", 80);
        assertEquals("无法识别，请重新扫码（身份证号可手工输入，医保电子凭证须扫码）", text("#readerStatusLabel"));
    }

    /** Types into the field as key events, {@code gapMillis} apart (0: as fast as a scanner), then Enter. */
    private void keys(TextField field, String text, long gapMillis) throws Exception {
        robot.interact(field::requestFocus);
        if (gapMillis == 0) {
            robot.interact(() -> {
                for (char c : text.toCharArray()) {
                    typed(field, c);
                }
                enter(field);
            });
        } else {
            for (char c : text.toCharArray()) {
                robot.interact(() -> typed(field, c));
                Thread.sleep(gapMillis);
            }
            robot.interact(() -> enter(field));
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void typed(TextField field, char c) {
        field.fireEvent(new KeyEvent(KeyEvent.KEY_TYPED, String.valueOf(c), "", KeyCode.UNDEFINED, false, false,
                false, false));
    }

    private static void enter(TextField field) {
        field.fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "\r", "", KeyCode.ENTER, false, false, false, false));
    }

    private void waitForReader(String status) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#readerStatusLabel").equals(status));
    }

    private org.testfx.service.query.NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(screen().lookup(query).queryAs(Node.class));
    }

    private TextField field(String query) {
        return screen().lookup(query).queryAs(TextField.class);
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }

    private void typeHousehold() {
        click("#numberField").write("0012");
        click("#villageField").write("兴义村");
        click("#receiptField").write("R0012");
        DatePicker paymentDate = screen().lookup("#paymentDatePicker").queryAs(DatePicker.class);
        robot.clickOn(paymentDate.getEditor());
        robot.interact(paymentDate.getEditor()::selectAll);
        robot.write("2022-01-10").push(KeyCode.TAB);
    }

    private static String cell(TableView<MemberRow> table, String columnId, int row) {
        return table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow()
                .getCellObservableValue(row).getValue().toString();
    }
}
