package canbao.gui.common;

import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import canbao.store.PinyinInitials;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import javafx.scene.control.SkinBase;
import javafx.scene.control.skin.ComboBoxListViewSkin;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

/**
 * Binds a ControlsFX check box list of category codes, shown by their Chinese names, to a view-model,
 * and makes it work from the keyboard (issue 20, defect 10): ↓, Alt+↓, F4 or Space opens the list; in it
 * ↑/↓ move, Space checks or unchecks, typing the pinyin initials of a name (d → 低保对象) or its first
 * characters goes to it, Enter, Esc or Tab closes it. Closed, ↓ never moves the focus elsewhere.
 */
public final class CategoryPicker {

    private CategoryPicker() {
    }

    public static void bind(CheckComboBox<String> box, ObservableList<String> codes, ObservableList<String> selected,
                            Function<String, String> names) {
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(String code) {
                return code == null ? "" : names.apply(code);
            }

            @Override
            public String fromString(String text) {
                throw new UnsupportedOperationException();
            }
        });
        box.getItems().setAll(codes);
        keyboard(box, names);
        codes.addListener((ListChangeListener<String>) c -> box.getItems().setAll(codes));
        box.getCheckModel().getCheckedItems().addListener((ListChangeListener<String>) c ->
                selected.setAll(box.getCheckModel().getCheckedItems()));
        selected.addListener((ListChangeListener<String>) c -> {
            if (selected.isEmpty()) {
                box.getCheckModel().clearChecks();
                return;
            }
            // a copy: checking a box writes the checked list back into the selected list
            for (String code : List.copyOf(selected)) {
                if (!box.getCheckModel().isChecked(code)) {
                    box.getCheckModel().check(code);
                }
            }
        });
    }

    private static void keyboard(CheckComboBox<String> box, Function<String, String> names) {
        box.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            boolean opens = event.getCode() == KeyCode.DOWN || event.getCode() == KeyCode.F4
                    || event.getCode() == KeyCode.SPACE || event.getCode() == KeyCode.UP && event.isAltDown();
            if (opens) {
                event.consume();
                box.show();
                popupList(box).ifPresent(list -> {
                    inPopup(box, list, names);
                    if (list.getFocusModel().getFocusedIndex() < 0 && !list.getItems().isEmpty()) {
                        list.getFocusModel().focus(0);
                    }
                    list.requestFocus();
                });
            }
        });
        box.skinProperty().addListener((o, old, skin) -> popupList(box).ifPresent(list -> inPopup(box, list, names)));
        popupList(box).ifPresent(list -> inPopup(box, list, names));
    }

    /** The list shown when the box is open: the popup of the combo box inside the ControlsFX skin. */
    @SuppressWarnings("unchecked")
    private static java.util.Optional<ListView<String>> popupList(CheckComboBox<String> box) {
        if (!(box.getSkin() instanceof SkinBase<?> skin) || skin.getChildren().isEmpty()
                || !(skin.getChildren().get(0) instanceof ComboBox<?> combo)
                || !(combo.getSkin() instanceof ComboBoxListViewSkin<?> comboSkin)) {
            return java.util.Optional.empty();
        }
        return comboSkin.getPopupContent() instanceof ListView<?> list
                ? java.util.Optional.of((ListView<String>) list) : java.util.Optional.empty();
    }

    private static final String WIRED = "canbao.categoryKeys";

    private static void inPopup(CheckComboBox<String> box, ListView<String> list, Function<String, String> names) {
        if (list.getProperties().containsKey(WIRED)) {
            return;
        }
        list.getProperties().put(WIRED, Boolean.TRUE);
        StringBuilder typed = new StringBuilder();
        long[] lastTyped = {0};
        list.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER || event.getCode() == KeyCode.ESCAPE) {
                event.consume();
                box.hide();
                box.requestFocus();
            }
        });
        list.addEventHandler(KeyEvent.KEY_TYPED, event -> {
            String character = event.getCharacter();
            if (character == null || character.isBlank() || character.charAt(0) < ' ') {
                return;
            }
            long now = System.nanoTime();
            if (now - lastTyped[0] > 2_000_000_000L) { // a pause of two seconds starts a new search
                typed.setLength(0);
            }
            lastTyped[0] = now;
            typed.append(character.toLowerCase(java.util.Locale.ROOT));
            String prefix = typed.toString();
            for (int i = 0; i < list.getItems().size(); i++) {
                String name = names.apply(list.getItems().get(i));
                if (name.startsWith(prefix) || PinyinInitials.of(name).startsWith(prefix)) {
                    list.getFocusModel().focus(i);
                    list.scrollTo(i);
                    event.consume();
                    return;
                }
            }
        });
    }
}
