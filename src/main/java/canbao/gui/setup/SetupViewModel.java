package canbao.gui.setup;

import canbao.gui.common.FieldErrors;
import canbao.model.Problem;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** First run of a data folder: who works here (乡镇, 区县代码, 操作员). */
public class SetupViewModel {

    private final WorkplaceSettings settings;
    private final Consumer<Workplace> onDone;
    private final StringProperty township = new SimpleStringProperty("");
    private final StringProperty county = new SimpleStringProperty("");
    private final StringProperty operator = new SimpleStringProperty("");
    private final FieldErrors errors;

    public SetupViewModel(WorkplaceSettings settings, Locale locale, Consumer<Workplace> onDone) {
        this.settings = settings;
        this.onDone = onDone;
        this.errors = new FieldErrors(locale);
    }

    public boolean save() {
        List<Problem> problems = new ArrayList<>();
        if (township.get().isBlank()) {
            problems.add(Problem.of("township", "field.missing"));
        }
        if (!WorkplaceSettings.isCountyCode(county.get().strip())) {
            problems.add(Problem.of("county", "setup.county"));
        }
        if (operator.get().isBlank()) {
            problems.add(Problem.of("operator", "field.missing"));
        }
        errors.show("", problems);
        if (!problems.isEmpty()) {
            return false;
        }
        Workplace workplace = new Workplace(township.get().strip(), county.get().strip(), operator.get().strip());
        settings.save(workplace);
        onDone.accept(workplace);
        return true;
    }

    public StringProperty townshipProperty() {
        return township;
    }

    public StringProperty countyProperty() {
        return county;
    }

    public StringProperty operatorProperty() {
        return operator;
    }

    public FieldErrors errors() {
        return errors;
    }
}
