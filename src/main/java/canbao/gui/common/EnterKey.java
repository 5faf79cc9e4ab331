package canbao.gui.common;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * Enter anywhere in a form runs its action ("Enter adds the next row"). Scoped to the form, unlike
 * a default button, which is one per scene and would fire another tab's action.
 */
public final class EnterKey {

    private EnterKey() {
    }

    public static void runs(Node form, Runnable action) {
        // a handler, not a filter: a date field first commits what was typed and consumes its own Enter
        form.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                event.consume();
                action.run();
            }
        });
    }
}
