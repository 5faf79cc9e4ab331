package canbao.gui;

import java.nio.file.Path;
import javafx.application.Application;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

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
        TextField field = robot.lookup(query).queryAs(TextField.class);
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.push(KeyCode.BACK_SPACE);
        robot.write(text);
    }

    void firstRun(String township, String county, String operator) {
        type("#townshipField", township);
        type("#countyField", county);
        type("#operatorField", operator);
        robot.clickOn("#saveButton");
    }
}
