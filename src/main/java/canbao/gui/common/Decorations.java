package canbao.gui.common;

import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * Shows a field's error next to it: a ControlsFX error graphic on the control, a red border, and the
 * message as tooltip and as the control's accessible help, so tests and screen readers find it.
 */
public final class Decorations {

    private static final GraphicValidationDecoration DECORATION = new GraphicValidationDecoration();

    private Decorations() {
    }

    public static void bind(ObservableMap<String, String> errors, String field, Control control) {
        errors.addListener((MapChangeListener<String, String>) change -> {
            if (change.getKey().equals(field)) {
                show(control, errors.get(field));
            }
        });
        show(control, errors.get(field));
    }

    private static void show(Control control, String message) {
        DECORATION.removeDecorations(control);
        control.getStyleClass().remove("field-error");
        control.setAccessibleHelp(message);
        if (message == null) {
            control.setTooltip(null);
            return;
        }
        control.getStyleClass().add("field-error");
        control.setTooltip(new Tooltip(message));
        DECORATION.applyValidationDecoration(ValidationMessage.error(control, message));
    }
}
