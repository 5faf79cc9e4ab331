package canbao.gui;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the real application on a data folder, headless, and drives it like a clerk. */
final class AppFixture {

    final FxRobot robot = new FxRobot();
    private Application application;

    void start(Path dataFolder) throws Exception {
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class, "--data", dataFolder.toString());
    }

    void stop() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    Stage stage() {
        return (Stage) robot.listTargetWindows().stream().filter(Window::isShowing).findFirst().orElseThrow();
    }

    /** Clicks into a field, clears it and types, as a clerk would. */
    void type(String query, String text) {
        type(robot, query, text);
    }

    static void type(FxRobot robot, String query, String text) {
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.push(KeyCode.BACK_SPACE);
        robot.write(text);
    }

    String text(String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    boolean showing(String query) {
        return robot.lookup(query).tryQuery().isPresent();
    }

    /** Fills the first-run form and waits until the key is made and the main window is up. */
    void firstRun(String township, String county, String login, String name, String password) throws Exception {
        type("#townshipField", township);
        type("#countyField", county);
        type("#loginField", login);
        type("#nameField", name);
        type("#passwordField", password);
        type("#repeatedField", password);
        robot.clickOn("#saveButton");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> showing("#mainWindow"));
    }

    /** Types a login and password, signs in, and waits for the answer: the main window or a message. */
    void signIn(String login, String password) throws Exception {
        SignInScreen.attempt(robot, login, password);
    }
}
