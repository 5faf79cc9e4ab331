package canbao.gui;

import javafx.application.Application;

/**
 * Starts the desktop program. {@code canbao.Main} must not extend {@link Application} itself:
 * with JavaFX on the class path the launcher refuses such a main class.
 */
public final class GuiLauncher {

    private GuiLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(CanbaoApp.class, args);
    }
}
