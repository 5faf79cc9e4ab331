package canbao.gui;

import java.util.concurrent.TimeUnit;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Signs in on the real sign-in screen, as an operator does. */
public final class SignInScreen {

    private SignInScreen() {
    }

    /** Signs in and waits for the main window. */
    public static void signIn(FxRobot robot, String login, String password) throws Exception {
        attempt(robot, login, password);
        WaitForAsyncUtils.waitFor(1, TimeUnit.SECONDS, () -> robot.lookup("#mainWindow").tryQuery().isPresent());
    }

    /** Types a login and password, signs in, and waits for the answer: the main window or a message. */
    static void attempt(FxRobot robot, String login, String password) throws Exception {
        AppFixture.type(robot, "#loginField", login);
        AppFixture.type(robot, "#passwordField", password);
        robot.clickOn("#signInButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#mainWindow").tryQuery().isPresent()
                || robot.lookup("#signInButton").tryQuery().map(button -> !button.isDisabled()).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
