package canbao.gui.accounts;

import canbao.gui.common.FieldErrors;
import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.model.Operator;
import canbao.model.Problem;
import canbao.account.Accounts;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * 修改口令: the signed-in operator's own new password, given the current one — so a password first set
 * by the administrator need not stay known to him. Two key derivations (≈ 1 s), off the FX thread.
 */
public class ChangePasswordViewModel {

    private final Accounts accounts;
    private final Operator operator;
    private final TaskExecutor tasks;
    private final Locale locale;
    private final StringProperty current = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty repeated = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty working = new SimpleBooleanProperty(false);
    private final BooleanProperty changed = new SimpleBooleanProperty(false);
    private final FieldErrors errors;

    public ChangePasswordViewModel(Accounts accounts, Operator operator, TaskExecutor tasks, Locale locale) {
        this.accounts = accounts;
        this.operator = operator;
        this.tasks = tasks;
        this.locale = locale;
        this.errors = new FieldErrors(locale);
    }

    public void save() {
        if (working.get()) {
            return;
        }
        working.set(true);
        message.set("");
        char[] old = current.get().toCharArray();
        char[] secret = password.get().toCharArray();
        char[] again = repeated.get().toCharArray();
        tasks.execute(() -> accounts.changeOwnPassword(operator.login(), old, secret, again), (List<Problem> problems) -> {
            working.set(false);
            // emptied first: emptying a field after marking it would take the mark away again
            current.set("");
            errors.show("", problems);
            if (problems.isEmpty()) {
                password.set("");
                repeated.set("");
                message.set(Localization.text(locale, "password.changed"));
                changed.set(true);
            }
        }, failure -> {
            working.set(false);
            message.set(Localization.format(locale, "signIn.failed", failure.getMessage()));
        });
    }

    public StringProperty currentProperty() {
        return current;
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

    /** True once the password is changed: the view stops offering to save it again. */
    public BooleanProperty changedProperty() {
        return changed;
    }

    public FieldErrors errors() {
        return errors;
    }
}
