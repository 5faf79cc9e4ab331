package canbao.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.store.Database;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real application headless (Monocle) on a fresh data folder. */
class CanbaoAppTest {

    @TempDir
    Path folder;

    private final AppFixture app = new AppFixture();

    @AfterEach
    void stop() throws Exception {
        app.stop();
    }

    @Test
    void firstRunAsksWhoWorksHereThenOpensTheMainWindow() throws Exception {
        app.start(folder);

        app.type("#countyField", "5002");
        app.robot.clickOn("#saveButton");
        TextField county = app.robot.lookup("#countyField").queryAs(TextField.class);
        assertEquals("区县代码应为6位数字", county.getAccessibleHelp(), "the error shows next to the field");

        app.firstRun("兴义镇", "500230", "王芳");

        assertEquals("参保通", app.stage().getTitle());
        Label workplace = app.robot.lookup("#workplaceLabel").queryAs(Label.class);
        assertEquals("兴义镇（500230） 操作员：王芳", workplace.getText());
        Label years = app.robot.lookup("#policyYearsLabel").queryAs(Label.class);
        assertTrue(years.getText().contains("2021、2022"), years.getText());
        try (Database database = Database.open(folder)) {
            assertEquals(new Workplace("兴义镇", "500230", "王芳"), new WorkplaceSettings(database).load().orElseThrow());
        }
    }
}
