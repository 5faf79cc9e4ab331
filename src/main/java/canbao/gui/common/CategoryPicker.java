package canbao.gui.common;

import java.util.List;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.util.StringConverter;
import org.controlsfx.control.CheckComboBox;

/** Binds a ControlsFX check box list of category codes, shown by their Chinese names, to a view-model. */
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
}
