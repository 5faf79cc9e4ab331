package canbao.gui.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.gui.SignInScreen;
import canbao.model.Money;
import canbao.model.Tier;
import canbao.policy.CountyKey;
import canbao.policy.CountySigner;
import canbao.policy.FigureStatus;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.TableDraft;
import canbao.policy.TablePreview;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * 政策参数 driven headless as the county administrator: 2026 opened, the 2027 draft made, the tier-1
 * standard entered, the preview's difference read, the table saved signed — and the file verified
 * against the key's document as a counter would.
 */
class PolicyEditorScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        try (Session session = TestKeys.setUp(folder.resolve("data"))) {
            assertTrue(session.operator().role().authorsPolicyTables());
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.resolve("data").toString(),
                "--today", "2026-10-20");
        SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
        robot.clickOn("政策参数");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#policyEditorPane").tryQuery().isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    private void type(String query, String text) {
        TextField field = robot.lookup("#policyEditorPane " + query).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.push(KeyCode.BACK_SPACE);
        robot.write(text);
    }

    private String text(String query) {
        return robot.lookup("#policyEditorPane " + query).queryAs(Label.class).getText();
    }

    @Test
    void theCountyAdministratorDraftsNextYearChangesTheTierOneStandardSeesTheDifferenceAndSavesItSigned()
            throws Exception {
        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2026, 2030);
        Path keys = Files.createDirectories(folder.resolve("county-keys"));
        Files.write(keys.resolve("county-key.pem"), county.privatePem());
        Files.write(keys.resolve("county-key.json"), county.keyDocument());
        PolicyTable table2026 = PolicyLibrary.builtIn().table(2026).orElseThrow();

        type("#sourceField", "2026");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text("#tableTitleLabel").startsWith("2026年度政策表"), text("#tableTitleLabel"));
        robot.clickOn("#nextYearButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(text("#tableTitleLabel").startsWith("2027年度政策表，版本 2027-draft"), text("#tableTitleLabel"));

        TableView<PolicyEditorViewModel.FigureRow> figures = robot.lookup("#figureTable").queryAs(TableView.class);
        assertEquals("沿用上年，待区县核定", figures.getItems().get(0).standing());
        robot.clickOn("个人缴费标准 一档（元）");
        type("#valueField", "45o");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        // the loader's word, next to the value and on the figure's row; nothing previewed from a refused table
        assertTrue(robot.lookup("#valueField").queryAs(TextField.class).getAccessibleHelp().contains("应为金额"),
                robot.lookup("#valueField").queryAs(TextField.class).getAccessibleHelp());
        assertTrue(figures.getItems().get(0).problem().contains("应为金额"));
        assertTrue(text("#policyMessageLabel").contains("standards.tier1"), text("#policyMessageLabel"));

        type("#valueField", "450");
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        PolicyEditorViewModel.FigureRow tier1 = figures.getItems().get(0);
        assertEquals("450", tier1.figure().value());
        assertTrue(tier1.standing().startsWith("区县已录入") && tier1.standing().contains("王芳"), tier1.standing());

        TableView<TablePreview.Row> preview = robot.lookup("#previewTable").queryAs(TableView.class);
        TablePreview.Row adultTier1 = preview.getItems().stream()
                .filter(row -> row.person().startsWith("普通居民") && row.tier() == Tier.ONE).findFirst().orElseThrow();
        Money raise = Money.ofYuan(450).minus(table2026.standard(Tier.ONE));
        assertEquals("+" + raise, preview.getColumns().get(4).getCellData(adultTier1));
        assertTrue(adultTier1.changed());
        TablePreview.Row adultTier2 = preview.getItems().stream()
                .filter(row -> row.person().startsWith("普通居民") && row.tier() == Tier.TWO).findFirst().orElseThrow();
        assertEquals("0", preview.getColumns().get(4).getCellData(adultTier2));
        assertFalse(adultTier2.changed());
        assertTrue(text("#previewTitleLabel").contains("2026年度（2026.1） → 2027年度（2027-draft）"),
                text("#previewTitleLabel"));

        Path out = folder.resolve("2027.json");
        type("#keyFolderField", keys.toString());
        type("#outputField", out.toString());
        robot.clickOn("#signButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#policyMessageLabel").startsWith("已保存并签名"));
        assertTrue(text("#policyMessageLabel").contains(county.signer().publicKey().fingerprint()), text("#policyMessageLabel"));

        PolicyTable signed = CountyKey.parse("county-key.json", county.keyDocument()).verified("2027.json",
                Files.readAllBytes(out), Files.readAllBytes(folder.resolve("2027.json.sig")));
        assertEquals(2027, signed.year());
        assertEquals(Money.ofYuan(450), signed.standards().tier1());
        assertEquals(table2026.standard(Tier.TWO), signed.standards().tier2());
        // tier 2 was not entered: the figure is still awaiting the county, and says so
        assertEquals(FigureStatus.PROVISIONAL, signed.standards().status());
        TableDraft saved = TableDraft.open("2027.json", Files.readAllBytes(out));
        assertEquals("王芳", saved.figure("standards.tier1").orElseThrow().confirmedBy());
        assertEquals(java.time.LocalDate.of(2026, 10, 20), saved.figure("standards.tier1").orElseThrow().confirmedOn());
    }
}
