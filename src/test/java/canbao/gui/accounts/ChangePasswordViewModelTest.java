package canbao.gui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.account.Session;
import canbao.account.SignIn;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 修改口令 without a window: the current password is checked, the new one opens the folder next time. */
class ChangePasswordViewModelTest {

    @TempDir
    Path folder;

    private Session session;
    private ChangePasswordViewModel viewModel;

    @BeforeEach
    void setUp() {
        session = new SignIn(folder, Clock.systemUTC()).setUp("龙凤镇", "500112", "admin", "李华",
                "counter-pass-1".toCharArray(), "counter-pass-1".toCharArray()).value();
        viewModel = new ChangePasswordViewModel(session.accounts(Clock.systemUTC()), session.operator(),
                new CurrentThreadTaskExecutor(), Localization.CHINESE);
    }

    @AfterEach
    void close() {
        session.close();
    }

    @Test
    void aWrongCurrentPasswordChangesNothing() {
        viewModel.currentProperty().set("not-the-password");
        viewModel.passwordProperty().set("counter-pass-2");
        viewModel.repeatedProperty().set("counter-pass-2");
        viewModel.save();

        assertEquals("当前口令不对", viewModel.errors().get("current"));
        assertEquals("", viewModel.currentProperty().get());
        assertFalse(viewModel.changedProperty().get());
        assertInstanceOf(SignIn.Outcome.Refused.class,
                new SignIn(folder, Clock.systemUTC()).signIn("admin", "counter-pass-2".toCharArray()));
    }

    @Test
    void aShortOrMismatchedNewPasswordIsNamedNextToItsField() {
        viewModel.currentProperty().set("counter-pass-1");
        viewModel.passwordProperty().set("short");
        viewModel.repeatedProperty().set("short");
        viewModel.save();
        assertEquals("口令至少8位", viewModel.errors().get("password"));

        viewModel.currentProperty().set("counter-pass-1");
        viewModel.passwordProperty().set("counter-pass-2");
        viewModel.repeatedProperty().set("counter-pass-3");
        viewModel.save();
        assertEquals("两次输入的口令不一致", viewModel.errors().get("repeated"));
        assertFalse(viewModel.changedProperty().get());
    }

    @Test
    void theNewPasswordOpensTheFolderAndTheOldOneNoLonger() {
        viewModel.currentProperty().set("counter-pass-1");
        viewModel.passwordProperty().set("counter-pass-2");
        viewModel.repeatedProperty().set("counter-pass-2");
        viewModel.save();

        assertTrue(viewModel.changedProperty().get());
        assertEquals("口令已修改，下次登录请用新口令", viewModel.messageProperty().get());
        assertEquals("", viewModel.passwordProperty().get());
        SignIn signIn = new SignIn(folder, Clock.systemUTC());
        assertInstanceOf(SignIn.Outcome.Refused.class, signIn.signIn("admin", "counter-pass-1".toCharArray()));
        SignIn.Outcome opened = signIn.signIn("admin", "counter-pass-2".toCharArray());
        ((SignIn.Outcome.SignedIn) opened).session().close();
    }
}
