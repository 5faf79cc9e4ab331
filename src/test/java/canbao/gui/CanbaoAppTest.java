package canbao.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/** Starts the real application headless (Monocle) and reads what the clerk would see. */
class CanbaoAppTest {

    private final FxRobot robot = new FxRobot();
    private Application application;

    @BeforeEach
    void startApplication() throws Exception {
        FxToolkit.registerPrimaryStage();
        application = FxToolkit.setupApplication(CanbaoApp.class);
    }

    @AfterEach
    void stopApplication() throws Exception {
        FxToolkit.cleanupApplication(application);
        FxToolkit.cleanupStages();
    }

    @Test
    void windowOpensTitled参保通AndNamesTheLoadedPolicyYears() {
        List<Window> windows = robot.listTargetWindows();
        Stage stage = (Stage) windows.stream().filter(Window::isShowing).findFirst().orElseThrow();

        assertEquals("参保通", stage.getTitle());
        Label title = robot.lookup("#titleLabel").queryAs(Label.class);
        assertEquals("参保通", title.getText());
        Label years = robot.lookup("#policyYearsLabel").queryAs(Label.class);
        assertTrue(years.getText().contains("2021、2022"), years.getText());
    }
}
