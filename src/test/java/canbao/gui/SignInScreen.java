package canbao.gui;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Signs in on the real sign-in screen, as an operator does, and waits for the main window. */
public final class SignInScreen {

    private SignInScreen() {
    }

    public static void signIn(FxRobot robot, String login, String password) throws Exception {
        robot.clickOn("#loginField").write(login);
        robot.clickOn("#passwordField").write(password);
        robot.clickOn("#signInButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#mainWindow").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The login field, to tell the sign-in screen is showing. */
    public static TextField loginField(FxRobot robot) {
        return robot.lookup("#loginField").queryAs(TextField.class);
    }
}
