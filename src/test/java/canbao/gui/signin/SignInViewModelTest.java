package canbao.gui.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.account.Session;
import canbao.account.SignIn;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 登录 without a window: refusals count down to the lock, the password never stays in the field. */
class SignInViewModelTest {

    private static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T02:00:00Z"), CHONGQING);

    @TempDir
    Path folder;

    private final AtomicReference<Session> signedIn = new AtomicReference<>();
    private SignInViewModel viewModel;

    @BeforeEach
    void setUp() {
        SignIn signIn = new SignIn(folder, CLOCK);
        signIn.setUp("龙凤镇", "500112", "admin", "李华", "counter-pass-1".toCharArray(),
                "counter-pass-1".toCharArray()).value().close();
        viewModel = new SignInViewModel(signIn, new CurrentThreadTaskExecutor(), Localization.CHINESE, CHONGQING,
                signedIn::set);
    }

    @AfterEach
    void close() {
        if (signedIn.get() != null) {
            signedIn.get().close();
        }
    }

    @Test
    void aBlankLoginIsRefusedWithoutTryingThePassword() {
        viewModel.passwordProperty().set("counter-pass-1");
        viewModel.signIn();
        assertEquals("登录名或口令不对", viewModel.messageProperty().get());
        assertNull(signedIn.get());
    }

    @Test
    void wrongPasswordsCountDownThenLockUntilATimeInChongqing() {
        viewModel.loginProperty().set("admin");
        for (int left = 4; left >= 1; left--) {
            viewModel.passwordProperty().set("wrong-password");
            viewModel.signIn();
            assertEquals("登录名或口令不对（再输错" + left + "次账户将被锁定15分钟）", viewModel.messageProperty().get());
            assertEquals("", viewModel.passwordProperty().get(), "the refused password is cleared");
        }
        viewModel.passwordProperty().set("wrong-password");
        viewModel.signIn();
        // 10:00 in Chongqing plus the 15 minutes of the lock
        assertEquals("口令连续输错5次，账户已锁定，请于10:15后再试，或请管理员解锁", viewModel.messageProperty().get());

        viewModel.passwordProperty().set("counter-pass-1");
        viewModel.signIn();
        assertNull(signedIn.get(), "the right password does not open a locked account");
        assertFalse(viewModel.workingProperty().get());
    }

    @Test
    void theRightPasswordSignsInAndLeavesNothingInTheFields() {
        viewModel.loginProperty().set(" admin ");
        viewModel.passwordProperty().set("counter-pass-1");
        viewModel.signIn();

        assertEquals("admin", signedIn.get().operator().login());
        assertEquals("", viewModel.messageProperty().get());
        assertEquals("", viewModel.passwordProperty().get());
        assertFalse(viewModel.workingProperty().get());
    }
}
