package canbao.gui.common;

import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** What the list screens do alike with their tables: text columns, and rows that need attention marked. */
public final class Tables {

    private Tables() {
    }

    /** A column showing {@code value} of each row's item. */
    public static <T> void text(TableColumn<T, String> column, Function<T, String> value) {
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    }

    /** A column showing {@code value} of each row's item as itself: a count sorts as a number, not as text. */
    public static <T, V> void value(TableColumn<T, V> column, Function<T, V> value) {
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
    }

    /**
     * Rows for which {@code marked} holds carry {@code styleClass} and a light red background (an
     * urgent newborn, a record the hub refused).
     */
    public static <T> TableRow<T> markingRow(Predicate<T> marked, String styleClass) {
        return new TableRow<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove(styleClass);
                setStyle("");
                if (!empty && item != null && marked.test(item)) {
                    getStyleClass().add(styleClass);
                    setStyle("-fx-background-color: #ffd6d6;");
                }
            }
        };
    }

    /** Every row of {@code table} marked as {@link #markingRow} says. */
    public static <T> void markRows(TableView<T> table, Predicate<T> marked, String styleClass) {
        table.setRowFactory(view -> markingRow(marked, styleClass));
    }
}
