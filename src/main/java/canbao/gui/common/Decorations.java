package canbao.gui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableMap;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBoxBase;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import org.controlsfx.control.CheckComboBox;
import org.controlsfx.control.decoration.Decoration;
import org.controlsfx.control.decoration.Decorator;
import org.controlsfx.control.decoration.GraphicDecoration;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.decoration.GraphicValidationDecoration;

/**
 * Shows a field's error next to it: a ControlsFX error graphic on the control, a red border, the
 * message written under the field (not only as hover text), and the message as tooltip and as the
 * control's accessible help, so tests and screen readers find it. When the clerk changes the field the
 * mark goes (the next check says again if it is still wrong); {@link #focusFirst} takes the cursor to
 * the first field in error, in the order the fields were bound (the order of the form).
 */
public final class Decorations {

    private static final GraphicValidationDecoration DECORATION = new GraphicValidationDecoration();
    /** The fields of each form in form order, for {@link #focusFirst}. */
    private static final Map<FieldErrors, List<Map.Entry<String, Control>>> FORMS = new WeakHashMap<>();
    private static final String MESSAGE = "canbao.fieldMessage";

    private Decorations() {
    }

    public static void bind(FieldErrors errors, String field, Control control) {
        ObservableMap<String, String> map = errors.map();
        map.addListener((MapChangeListener<String, String>) change -> {
            if (change.getKey().equals(field)) {
                show(control, map.get(field));
            }
        });
        show(control, map.get(field));
        edits(control).forEach(value -> value.addListener((o, old, now) -> {
            if (map.containsKey(field)) {
                errors.clearField(field);
            }
        }));
        if (control instanceof CheckComboBox<?> box) {
            box.getCheckModel().getCheckedItems().addListener((ListChangeListener<Object>) change -> {
                if (map.containsKey(field)) {
                    errors.clearField(field);
                }
            });
        }
        FORMS.computeIfAbsent(errors, form -> new ArrayList<>()).add(Map.entry(field, control));
    }

    /** Puts the cursor in the first field of the form that has an error; false when none has. */
    public static boolean focusFirst(FieldErrors errors) {
        for (Map.Entry<String, Control> field : FORMS.getOrDefault(errors, List.of())) {
            if (errors.get(field.getKey()) != null && field.getValue().isVisible() && !field.getValue().isDisabled()) {
                field.getValue().requestFocus();
                return true;
            }
        }
        return false;
    }

    /** What the clerk changes in a control: its text or its chosen value. */
    private static List<ObservableValue<?>> edits(Control control) {
        if (control instanceof TextInputControl text) {
            return List.of(text.textProperty());
        }
        if (control instanceof ComboBoxBase<?> box) {
            return List.of(box.valueProperty());
        }
        return List.of();
    }

    private static void show(Control control, String message) {
        DECORATION.removeDecorations(control);
        Object shown = control.getProperties().remove(MESSAGE);
        if (shown instanceof Decoration decoration) {
            Decorator.removeDecoration(control, decoration);
        }
        control.getStyleClass().remove("field-error");
        control.setAccessibleHelp(message);
        if (message == null) {
            control.setTooltip(null);
            return;
        }
        control.getStyleClass().add("field-error");
        control.setTooltip(new Tooltip(message));
        DECORATION.applyValidationDecoration(ValidationMessage.error(control, message));
        if (control.getScene() != null) {
            // the message under the field, in words (a decoration needs the control in a scene)
            Label text = new Label(message);
            text.getStyleClass().add("field-message");
            text.setStyle("-fx-text-fill: #c62828; -fx-font-size: 11px; -fx-background-color: rgba(255,255,255,0.92);"
                    + " -fx-padding: 0 2 0 2;");
            text.setMouseTransparent(true);
            text.setMaxWidth(Math.max(200, control.getWidth() * 2));
            GraphicDecoration decoration = new GraphicDecoration(text, Pos.BOTTOM_LEFT,
                    Math.max(0, text.prefWidth(-1) / 2), text.prefHeight(-1) / 2 + 1);
            Decorator.addDecoration(control, decoration);
            control.getProperties().put(MESSAGE, decoration);
        }
    }
}
