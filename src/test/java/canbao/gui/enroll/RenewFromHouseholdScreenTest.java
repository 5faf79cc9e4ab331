package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.CanbaoApp;
import canbao.gui.common.MemberRow;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.report.RenewalWorklist;
import canbao.service.HouseholdService;
import canbao.store.RenewalVillage;
import canbao.account.Session;
import canbao.store.TestKeys;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/** 按上年续保 on 家庭参保登记 on 2025-11-20, keyboard only: two members chosen first, then the other two. */
class RenewFromHouseholdScreenTest {

    @TempDir
    Path folder;

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void start() throws Exception {
        ZoneId zone = ZoneId.systemDefault();
        Clock clock = Clock.fixed(RenewalVillage.TODAY.atTime(10, 0).atZone(zone).toInstant(), zone);
        try (Session session = TestKeys.setUp(folder)) {
            RenewalVillage.fill(new HouseholdService(session.database(), PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), clock));
        }
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", folder.toString(), "--today",
                RenewalVillage.TODAY.toString());
        canbao.gui.SignInScreen.signIn(robot, TestKeys.ADMIN, TestKeys.PASSWORD);
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void familyIsRenewedAsLastYearFromTheHouseholdScreenWithTheKeyboardOnly() throws Exception {
        TextField search = screen().lookup("#searchField").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, search::isFocused);
        // (the headless robot types into the window it last clicked: one click where the cursor already is)
        robot.clickOn(search);
        robot.write("0001").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> screen().lookup("#hitsList").query().isFocused());
        robot.push(KeyCode.ENTER);

        ListView<RenewalWorklist.Member> list = screen().lookup("#renewalList").queryAs(ListView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 4 && list.isFocused());
        assertTrue(screen().lookup("#renewBar").query().isVisible());
        assertEquals("2025年度已参保、本年度未缴4人；续保4人，合计1615元（默认全选，可用方向键改选；回车后输收据号再回车）",
                text("#renewalLabel"));
        assertEquals(List.of("张三 一档 400元", "李四 二档 775元", "张老汉 一档 40元", "张小花 一档 400元"),
                robot.from(list).lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                        .map(javafx.scene.control.ListCell::getText).filter(java.util.Objects::nonNull).toList());

        // choose 张三 and 李四, Enter, the receipt, Enter
        robot.push(KeyCode.HOME).press(KeyCode.SHIFT).push(KeyCode.RIGHT).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> text("#renewalLabel").contains("续保2人，合计1175元"));
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> screen().lookup("#renewalReceiptField").query().isFocused());
        robot.write("R2026-0001").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#statusLabel").startsWith("已续保"));
        assertEquals("已续保户0001：2人，合计1175元", text("#statusLabel"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 2);
        assertEquals(List.of("张老汉", "张小花"), list.getItems().stream().map(RenewalWorklist.Member::name).toList());

        // the rest: the cursor is back in the list, every member listed chosen
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, list::isFocused);
        robot.push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> screen().lookup("#renewalReceiptField").query().isFocused());
        robot.write("R2026-0002").push(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text("#statusLabel").equals("已续保户0001：2人，合计1175元"));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text("#statusLabel").isEmpty());
        assertEquals("已续保户0001：2人，合计440元", text("#statusLabel"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(screen().lookup("#renewBar").query().isVisible(), "nothing left to renew: the bar is gone");
        TableView<MemberRow> members = screen().lookup("#membersTable").queryAs(TableView.class);
        assertEquals(4, members.getItems().size());
        assertTrue(members.getItems().stream().allMatch(MemberRow::isEnrolled), "all four shown as paid for 2026");
        assertEquals("本户本年度已缴 1615 元", text("#totalLabel").replaceAll(".*(本户本年度已缴 [0-9]+ 元).*", "$1"));
    }

    private NodeQuery screen() {
        TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
        return robot.from(tabs.getSelectionModel().getSelectedItem().getContent());
    }

    private String text(String query) {
        return screen().lookup(query).queryAs(Label.class).getText();
    }
}
