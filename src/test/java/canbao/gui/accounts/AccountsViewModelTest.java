package canbao.gui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.model.Role;
import canbao.account.Session;
import canbao.account.SignIn;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 操作员账户 without a window: add, lock and unlock, new password, disable — each seen by signing in. */
class AccountsViewModelTest {

    private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T02:00:00Z"), CHONGQING);

    @TempDir
    Path folder;

    private Session session;
    private AccountsViewModel viewModel;

    @BeforeEach
    void setUp() {
        session = new SignIn(folder, CLOCK).setUp("龙凤镇", "500112", "admin", "李华",
                "counter-pass-1".toCharArray(), "counter-pass-1".toCharArray()).value();
        viewModel = new AccountsViewModel(session.accounts(CLOCK), session.operator(),
                new CurrentThreadTaskExecutor(), Localization.CHINESE, CHONGQING);
        viewModel.refresh();
    }

    @AfterEach
    void close() {
        session.close();
    }

    private SignIn.Outcome signIn(String login, String password) {
        SignIn.Outcome outcome = new SignIn(folder, CLOCK).signIn(login, password.toCharArray());
        if (outcome instanceof SignIn.Outcome.SignedIn signedIn) {
            signedIn.session().close();
        }
        return outcome;
    }

    private void addClerk() {
        viewModel.loginProperty().set("wangfang");
        viewModel.nameProperty().set("王芳");
        viewModel.roleProperty().set(Role.CLERK);
        viewModel.passwordProperty().set("clerk-pass-1");
        viewModel.repeatedProperty().set("clerk-pass-1");
        viewModel.add();
    }

    private AccountsViewModel.Row row(String login) {
        return viewModel.rows().stream().filter(r -> r.login().equals(login)).findFirst().orElseThrow();
    }

    @Test
    void anAddedClerkIsListedCanSignInAndHerLoginCannotBeTakenTwice() {
        addClerk();
        assertEquals("已添加操作员 王芳（wangfang）", viewModel.messageProperty().get());
        assertEquals("", viewModel.passwordProperty().get());
        assertEquals(new AccountsViewModel.Row("wangfang", "王芳", "柜员", "正常", true), row("wangfang"));
        assertInstanceOf(SignIn.Outcome.SignedIn.class, signIn("wangfang", "clerk-pass-1"));

        addClerk();
        assertEquals("已有操作员使用这个登录名", viewModel.errors().get("login"));
        assertEquals(2, viewModel.rows().size());
    }

    @Test
    void aLockedClerkIsShownUntilWhenAndUnlockedByTheAdministrator() {
        addClerk();
        for (int i = 0; i < 5; i++) {
            signIn("wangfang", "wrong-password");
        }
        viewModel.refresh();
        assertEquals("已锁定至10:15", row("wangfang").status());
        assertInstanceOf(SignIn.Outcome.Locked.class, signIn("wangfang", "clerk-pass-1"));

        viewModel.selectedProperty().set(row("wangfang"));
        viewModel.liftLock();
        assertEquals("已解锁 王芳", viewModel.messageProperty().get());
        assertEquals("正常", row("wangfang").status());
        assertInstanceOf(SignIn.Outcome.SignedIn.class, signIn("wangfang", "clerk-pass-1"));
    }

    @Test
    void aNewPasswordReplacesTheOldAndADisabledAccountCannotSignIn() {
        addClerk();
        viewModel.selectedProperty().set(row("wangfang"));
        viewModel.newPasswordProperty().set("short");
        viewModel.newRepeatedProperty().set("short");
        viewModel.resetPassword();
        assertTrue(viewModel.errors().snapshot().values().contains("口令至少8位"), viewModel.errors().snapshot().toString());

        viewModel.newPasswordProperty().set("clerk-pass-2");
        viewModel.newRepeatedProperty().set("clerk-pass-2");
        viewModel.resetPassword();
        assertEquals("已为 王芳 设置新口令", viewModel.messageProperty().get());
        assertInstanceOf(SignIn.Outcome.Refused.class, signIn("wangfang", "clerk-pass-1"));
        assertInstanceOf(SignIn.Outcome.SignedIn.class, signIn("wangfang", "clerk-pass-2"));

        viewModel.selectedProperty().set(row("wangfang"));
        viewModel.disable();
        assertEquals("已停用 王芳", viewModel.messageProperty().get());
        assertEquals(new AccountsViewModel.Row("wangfang", "王芳", "柜员", "已停用", false), row("wangfang"));
        assertInstanceOf(SignIn.Outcome.Refused.class, signIn("wangfang", "clerk-pass-2"));

        viewModel.selectedProperty().set(row("wangfang"));
        viewModel.liftLock();
        assertEquals("所选账户已停用", viewModel.messageProperty().get());
    }

    @Test
    void theAdministratorCannotDisableHimselfNorActWithoutASelection() {
        viewModel.selectedProperty().set(null);
        viewModel.disable();
        assertEquals("请先在列表中选择一位操作员", viewModel.messageProperty().get());

        viewModel.selectedProperty().set(row("admin"));
        viewModel.disable();
        assertEquals("不能停用自己正在使用的账户", viewModel.messageProperty().get());
        assertEquals("正常", row("admin").status());
    }
}
