package canbao.gui.main;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** The main window: its title and what it says about the loaded policy years. */
public class MainWindowViewModel {

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper policyYears = new ReadOnlyStringWrapper();

    public MainWindowViewModel(PolicyLibrary policies, Locale locale) {
        title.set(Localization.text(locale, "app.title"));
        String years = policies.years().stream().map(String::valueOf).reduce((a, b) -> a + "、" + b).orElse("—");
        policyYears.set(Localization.format(locale, "app.policyYears", years));
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty policyYearsProperty() {
        return policyYears.getReadOnlyProperty();
    }
}
