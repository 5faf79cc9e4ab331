package canbao.gui.common;

import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The policy year a screen quotes for, and the subsidy categories that year's table offers. */
public final class PolicyYearChoice {

    private final PolicyLibrary library;
    private final ObservableList<Integer> years = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> year = new SimpleObjectProperty<>();
    private final ObservableList<String> categoryCodes = FXCollections.observableArrayList();

    /**
     * Starts on the year being collected today (by {@code clock}); {@code onChange} runs after the
     * categories follow a later change (not during construction, when the owner is not built yet).
     */
    public PolicyYearChoice(PolicyLibrary library, java.time.Clock clock, Runnable onChange) {
        this.library = library;
        years.setAll(library.years());
        year.set(library.yearBeingCollected(java.time.LocalDate.now(clock)));
        categoryCodes.setAll(codesOf(year.get()));
        year.addListener((o, old, value) -> {
            categoryCodes.setAll(codesOf(value));
            onChange.run();
        });
    }

    private List<String> codesOf(Integer value) {
        return value == null ? List.of() : new ArrayList<>(library.table(value).orElseThrow().categories().keySet());
    }

    public PolicyTable table() {
        return year.get() == null ? null : library.table(year.get()).orElse(null);
    }

    /** The category's Chinese name in the chosen year's table, e.g. DIBAO → 低保对象（…）. */
    public String categoryName(String code) {
        PolicyTable table = table();
        return table == null ? code : table.category(code).map(PolicyTable.Category::name).orElse(code);
    }

    public ObservableList<Integer> years() {
        return years;
    }

    public ObjectProperty<Integer> yearProperty() {
        return year;
    }

    public ObservableList<String> categoryCodes() {
        return categoryCodes;
    }
}
