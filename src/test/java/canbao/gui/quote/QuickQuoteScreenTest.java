package canbao.gui.quote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.MemberRow;
import java.nio.file.Path;
import java.time.LocalDate;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.controlsfx.control.CheckComboBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** 费用测算 driven headless like a clerk: type ID numbers, read the amounts the family is told. */
class QuickQuoteScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private javafx.application.Application application;

    @BeforeEach
    void start() throws Exception {
        canbao.store.TestKeys.setUp(folder).close();
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(canbao.gui.CanbaoApp.class, "--data", folder.toString(),
                // the worked examples of 2022: the screens open on the year being collected that day
                "--today", "2022-01-10");
        canbao.gui.SignInScreen.signIn(robot, canbao.store.TestKeys.ADMIN, canbao.store.TestKeys.PASSWORD);
        // tabs exist only now
        robot.clickOn("费用测算");
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void walkInFamilyIsQuotedWithTotalAndTierComparison() {
        DatePicker paymentDate = screen().lookup("#paymentDatePicker").queryAs(DatePicker.class);
        robot.clickOn(paymentDate.getEditor());
        robot.interact(paymentDate.getEditor()::selectAll);
        robot.write("2022-07-15").push(KeyCode.TAB);
        assertEquals(LocalDate.of(2022, 7, 15), paymentDate.getValue());

        click("#idNumberField").write("500230198003152338");
        CheckComboBox<String> categories = screen().lookup("#categoriesBox").queryAs(CheckComboBox.class);
        robot.interact(() -> categories.getCheckModel().check("DIBAO"));
        click("#idNumberField").push(KeyCode.ENTER);
        robot.write("500230198003151079").push(KeyCode.ENTER);

        TableView<MemberRow> table = screen().lookup("#membersTable").queryAs(TableView.class);
        assertEquals(2, table.getItems().size());
        assertEquals("500230********2338", table.getItems().get(0).identity());
        assertEquals("32 元", cell(table, "payableColumn", 0));
        assertEquals("288 元", cell(table, "subsidyColumn", 0));
        assertEquals("2022-07-15", cell(table, "startColumn", 0));
        assertEquals("900 元", cell(table, "payableColumn", 1));
        assertEquals("580 元", cell(table, "surchargeColumn", 1));
        assertEquals("2022-10-14", cell(table, "startColumn", 1));
        assertEquals("合计应缴：932 元", screen().lookup("#totalLabel").queryAs(Label.class).getText());
        assertEquals("全家一档合计 932 元 / 全家二档合计 1650 元",
                screen().lookup("#comparisonLabel").queryAs(Label.class).getText());

        robot.clickOn("500230********2338");
        String explanation = screen().lookup("#explanationArea").queryAs(TextArea.class).getText();
        assertTrue(explanation.contains("应缴32元"), explanation);
        assertTrue(explanation.contains("潼医保发〔2021〕26号"), explanation);
    }

    @Test
    void wrongIdNumberIsShownNextToTheFieldAndNothingIsAdded() {
        click("#idNumberField").write("500230198003151078").push(KeyCode.ENTER);

        TextField id = screen().lookup("#idNumberField").queryAs(TextField.class);
        assertEquals("身份证号校验码错误：按前17位应为9，实为8", id.getAccessibleHelp());
        assertEquals(0, screen().lookup("#membersTable").queryAs(TableView.class).getItems().size());
        assertEquals("500230198003151078", id.getText(), "what was typed stays to be corrected");
    }

    /** Lookups inside this screen's tab: the household tab has fields with the same ids. */
    private org.testfx.service.query.NodeQuery screen() {
        javafx.scene.control.TabPane tabs = robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private org.testfx.api.FxRobotInterface click(String query) {
        return robot.clickOn(screen().lookup(query).queryAs(javafx.scene.Node.class));
    }

    @Test
    void wrongIdNumberIsFlaggedAsSoonAsTheClerkLeavesTheField() {
        click("#idNumberField").write("500230198003151078").push(KeyCode.TAB);

        TextField id = screen().lookup("#idNumberField").queryAs(TextField.class);
        assertEquals("身份证号校验码错误：按前17位应为9，实为8", id.getAccessibleHelp());
    }

    private String cell(TableView<MemberRow> table, String columnId, int row) {
        return table.getColumns().stream().filter(c -> columnId.equals(c.getId())).findFirst().orElseThrow()
                .getCellObservableValue(row).getValue().toString();
    }
}
