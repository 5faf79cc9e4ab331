package canbao.gui.accounts;

import canbao.gui.common.FieldErrors;
import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.model.Operator;
import canbao.model.Problem;
import canbao.model.Role;
import canbao.model.Validated;
import canbao.account.Accounts;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 操作员 (administrators only): the accounts with their role and state, adding one, and for the selected
 * one a new password, lifting a lock, disabling. Password work derives keys (about half a second), so it
 * runs off the FX thread.
 */
public class AccountsViewModel {

    /** One line of the list, as the administrator reads it. */
    public record Row(String login, String name, String role, String status, boolean active) {
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Accounts accounts;
    private final Operator administrator;
    private final TaskExecutor tasks;
    private final Locale locale;
    private final ZoneId zone;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty login = new SimpleStringProperty("");
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Role> role = new SimpleObjectProperty<>(Role.CLERK);
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty repeated = new SimpleStringProperty("");
    private final StringProperty newPassword = new SimpleStringProperty("");
    private final StringProperty newRepeated = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty working = new SimpleBooleanProperty(false);
    private final FieldErrors errors;

    public AccountsViewModel(Accounts accounts, Operator administrator, TaskExecutor tasks, Locale locale,
                             ZoneId zone) {
        this.accounts = accounts;
        this.administrator = administrator;
        this.tasks = tasks;
        this.locale = locale;
        this.zone = zone;
        this.errors = new FieldErrors(locale);
    }

    public void refresh() {
        tasks.execute(accounts::list, list -> rows.setAll(list.stream().map(this::row).toList()),
                this::failed);
    }

    private Row row(Accounts.Account account) {
        Operator operator = account.operator();
        String status = !account.active() ? Localization.text(locale, "accounts.status.disabled")
                : account.lockedUntil().map(until -> Localization.format(locale, "accounts.status.locked",
                        TIME.format(until.atZone(zone))))
                .orElse(Localization.text(locale, "accounts.status.active"));
        return new Row(operator.login(), operator.name(), Localization.text(locale, operator.role().messageKey()),
                status, account.active());
    }

    public void add() {
        String who = login.get();
        String called = name.get();
        Role given = role.get();
        char[] secret = password.get().toCharArray();
        char[] again = repeated.get().toCharArray();
        run(() -> accounts.add(who, called, given, secret, again, administrator.login()), (Validated<Operator> made) -> {
            errors.show("", made.problems());
            if (made.isValid()) {
                message.set(Localization.format(locale, "accounts.added", made.value().name(), made.value().login()));
                login.set("");
                name.set("");
                password.set("");
                repeated.set("");
            }
        });
    }

    public void resetPassword() {
        Row row = activeSelection();
        if (row == null) {
            return;
        }
        char[] secret = newPassword.get().toCharArray();
        char[] again = newRepeated.get().toCharArray();
        run(() -> accounts.resetPassword(row.login(), secret, again, administrator.login()), (List<Problem> problems) -> {
            errors.show("reset", problems);
            if (problems.isEmpty()) {
                message.set(Localization.format(locale, "accounts.passwordReset", row.name()));
                newPassword.set("");
                newRepeated.set("");
            }
        });
    }

    public void liftLock() {
        Row row = activeSelection();
        if (row != null) {
            run(() -> {
                accounts.liftLock(row.login(), administrator.login());
                return row;
            }, done -> message.set(Localization.format(locale, "accounts.lockLifted", row.name())));
        }
    }

    public void disable() {
        Row row = activeSelection();
        if (row == null) {
            return;
        }
        if (row.login().equals(administrator.login())) {
            message.set(Localization.text(locale, "accounts.notSelf"));
            return;
        }
        run(() -> {
            accounts.disable(row.login(), administrator.login());
            return row;
        }, done -> message.set(Localization.format(locale, "accounts.disabled", row.name())));
    }

    private Row activeSelection() {
        Row row = selected.get();
        if (row == null) {
            message.set(Localization.text(locale, "accounts.selectFirst"));
            return null;
        }
        if (!row.active()) {
            message.set(Localization.text(locale, "accounts.notActive"));
            return null;
        }
        return row;
    }

    /** One change at a time, then the list again (a lock lifted, a status changed). */
    private <T> void run(java.util.concurrent.Callable<T> work, java.util.function.Consumer<T> done) {
        if (working.get()) {
            return;
        }
        working.set(true);
        message.set("");
        tasks.execute(work, result -> {
            working.set(false);
            done.accept(result);
            refresh();
        }, this::failed);
    }

    private void failed(Throwable failure) {
        working.set(false);
        message.set(Localization.format(locale, "signIn.failed", failure.getMessage()));
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ObjectProperty<Row> selectedProperty() {
        return selected;
    }

    public StringProperty loginProperty() {
        return login;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Role> roleProperty() {
        return role;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty repeatedProperty() {
        return repeated;
    }

    public StringProperty newPasswordProperty() {
        return newPassword;
    }

    public StringProperty newRepeatedProperty() {
        return newRepeated;
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

    public String roleText(Role value) {
        return value == null ? "" : Localization.text(locale, value.messageKey());
    }
}
