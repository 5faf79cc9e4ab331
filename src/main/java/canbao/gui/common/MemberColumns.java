package canbao.gui.common;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Money;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.scene.control.TableColumn;

/** Fills the quote columns of a member table from each row's current quote. */
public final class MemberColumns {

    private MemberColumns() {
    }

    public static void quote(TableColumn<MemberRow, String> column, Function<MemberQuote, String> value) {
        column.setCellValueFactory(cell -> Bindings.createStringBinding(() -> {
            MemberQuote quote = cell.getValue().quote();
            return quote == null ? "" : value.apply(quote);
        }, cell.getValue().quoteProperty()));
    }

    public static void money(TableColumn<MemberRow, String> column, Function<MemberQuote, Money> value) {
        quote(column, quote -> quote.eligible() ? Formats.money(value.apply(quote)) : "");
    }

    public static void text(TableColumn<MemberRow, String> column, Function<MemberRow, String> value) {
        column.setCellValueFactory(cell -> Bindings.createStringBinding(() -> value.apply(cell.getValue()),
                cell.getValue().draftProperty()));
    }

    /** The row's problem, else the reason it cannot enrol, else its read-aloud explanation. */
    public static void status(TableColumn<MemberRow, String> column) {
        column.setCellValueFactory(cell -> Bindings.createStringBinding(() -> {
            MemberRow row = cell.getValue();
            if (row.noteProperty().get() != null) {
                return row.noteProperty().get();
            }
            MemberQuote quote = row.quote();
            return quote == null ? "" : quote.eligible() ? quote.explanation() : quote.reason();
        }, cell.getValue().quoteProperty(), cell.getValue().noteProperty()));
    }

    public static void tier(TableColumn<MemberRow, String> column, Locale locale) {
        text(column, row -> row.draft().tier() == null ? ""
                : Localization.text(locale, "tier." + row.draft().tier()));
    }

    public static void categories(TableColumn<MemberRow, String> column, Function<String, String> names) {
        text(column, row -> row.categories().stream().map(names).collect(Collectors.joining("、")));
    }
}
