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

    /** Repair choices offered at the counter (补缴年数); the engine refuses more than the broken years. */
    public static final java.util.List<Integer> REPAIR_CHOICES = java.util.List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    /** The mark next to a figure that is provisional (待区县核定), explained under the table. */
    public static final String PROVISIONAL_MARK = "※";

    /** A figure of an eligible quote, marked ※ when the quote rests on a provisional figure. */
    public static void marked(TableColumn<MemberRow, String> column, Function<MemberQuote, String> value) {
        quote(column, quote -> quote.eligible()
                ? value.apply(quote) + (quote.provisional() ? PROVISIONAL_MARK : "") : "");
    }

    /** 断保 (broken years), 等待期 (months of the waiting rule, or days) and 连续 (continuous years). */
    public static void history(TableColumn<MemberRow, String> broken, TableColumn<MemberRow, String> waiting,
                               TableColumn<MemberRow, String> continuous, Locale locale) {
        quote(broken, quote -> quote.brokenYears() == 0 ? "" : Localization.format(locale, "quote.years",
                quote.brokenYears()));
        quote(waiting, quote -> quote.waitingMonths() != null
                ? Localization.format(locale, "quote.months", quote.waitingMonths())
                : quote.waitingDays() != null && quote.waitingDays() > 0
                ? Localization.format(locale, "quote.days", quote.waitingDays()) : "");
        quote(continuous, quote -> quote.continuousYears() == null ? "" : Localization.format(locale, "quote.years",
                quote.continuousYears()));
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
