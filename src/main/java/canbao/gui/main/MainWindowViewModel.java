package canbao.gui.main;

import canbao.model.Localization;
import canbao.model.Operator;
import canbao.policy.PolicyLibrary;
import canbao.store.Workplace;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The main window: its title and the status line (who works here, which data, which policy years). */
public class MainWindowViewModel {

    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper workplace = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper policyYears = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper dataFolder = new ReadOnlyStringWrapper();
    private final StringProperty uploadTitle = new SimpleStringProperty();
    private final StringProperty screen = new SimpleStringProperty();

    private final Runnable onSignOut;

    /**
     * @param today the counter's day: when next year's collection has begun and its table is not loaded,
     *              the status line says it is awaited from the county (no figure is invented for it)
     * @param onSignOut 退出登录: back to the sign-in screen
     */
    public MainWindowViewModel(PolicyLibrary policies, Workplace where, Operator operator, Path folder,
                               Locale locale, java.time.LocalDate today, Runnable onSignOut) {
        this.onSignOut = onSignOut;
        title.set(Localization.text(locale, "app.title"));
        workplace.set(Localization.format(locale, "app.workplace", where.township(), where.county(), operator.name(),
                Localization.text(locale, operator.role().messageKey())));
        String loaded = Localization.format(locale, "app.policyYears", policies.yearsText());
        policyYears.set(policies.awaitedYear(today)
                .map(year -> loaded + Localization.format(locale, "app.policyYearAwaited", year)).orElse(loaded));
        dataFolder.set(Localization.format(locale, "app.dataFolder", folder.toAbsolutePath()));
        uploadTitle.set(Localization.text(locale, "screen.upload"));
    }

    public void signOut() {
        onSignOut.run();
    }

    /** Brings a screen to the front: "enroll", "newborn", "quote" or "upload". */
    public void show(String name) {
        screen.set(name);
    }

    /** The screen asked for by {@link #show}; the view selects its tab and clears it. */
    public StringProperty screenProperty() {
        return screen;
    }

    /** The Upload tab's title, which carries what is left to send and to fix. */
    public StringProperty uploadTitleProperty() {
        return uploadTitle;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty workplaceProperty() {
        return workplace.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty policyYearsProperty() {
        return policyYears.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dataFolderProperty() {
        return dataFolder.getReadOnlyProperty();
    }
}
