package canbao.gui.setup;

import canbao.gui.common.FieldErrors;
import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.model.Problem;
import canbao.account.Session;
import canbao.account.SignIn;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * First run of a data folder: where it works (乡镇, 区县代码) and its first administrator, whose password
 * makes the folder's encryption key. The slow part (the key derivation, creating the database) runs off
 * the FX thread; every wrong field is named next to it and nothing is created.
 */
public class SetupViewModel {

    private final SignIn signIn;
    private final TaskExecutor tasks;
    private final Locale locale;
    private final Consumer<Session> onDone;
    private final StringProperty township = new SimpleStringProperty("");
    private final StringProperty county = new SimpleStringProperty("");
    private final StringProperty login = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty repeated = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty working = new SimpleBooleanProperty(false);
    private final FieldErrors errors;

    public SetupViewModel(SignIn signIn, TaskExecutor tasks, Locale locale, Consumer<Session> onDone) {
        this.signIn = signIn;
        this.tasks = tasks;
        this.locale = locale;
        this.onDone = onDone;
        this.errors = new FieldErrors(locale);
    }

    public void save() {
        if (working.get()) {
            return;
        }
        working.set(true);
        message.set(Localization.text(locale, "setup.working"));
        char[] secret = password.get().toCharArray();
        char[] again = repeated.get().toCharArray();
        String where = township.get();
        String code = county.get();
        String who = login.get();
        String called = name.get();
        tasks.execute(() -> signIn.setUp(where, code, who, called, secret, again),
                made -> {
                    working.set(false);
                    List<Problem> problems = made.problems();
                    errors.show("", problems.stream().filter(p -> !(p.location() instanceof canbao.model.Location.None)).toList());
                    message.set(problems.stream().filter(p -> p.location() instanceof canbao.model.Location.None).map(p -> p.message(locale))
                            .findFirst().orElse(""));
                    if (made.isValid()) {
                        password.set("");
                        repeated.set("");
                        onDone.accept(made.value());
                    }
                },
                failure -> {
                    working.set(false);
                    message.set(Localization.format(locale, "signIn.failed", failure.getMessage()));
                });
    }

    public StringProperty townshipProperty() {
        return township;
    }

    public StringProperty countyProperty() {
        return county;
    }

    public StringProperty loginProperty() {
        return login;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty repeatedProperty() {
        return repeated;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty workingProperty() {
        return working;
    }

    public FieldErrors errors() {
        return errors;
    }
}
