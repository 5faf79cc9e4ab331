package canbao.gui.signin;

import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.account.Session;
import canbao.account.SignIn;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * 登录: the password opens the data (key derivation, database open and migration — about half a second
 * or more, so off the FX thread with a message); a refusal says how many tries are left or until when
 * the account is locked, and clears the password field.
 */
public class SignInViewModel {

    private final SignIn signIn;
    private final TaskExecutor tasks;
    private final Locale locale;
    private final ZoneId zone;
    private final Consumer<Session> onSignedIn;
    private final StringProperty login = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty working = new SimpleBooleanProperty(false);

    public SignInViewModel(SignIn signIn, TaskExecutor tasks, Locale locale, ZoneId zone,
                           Consumer<Session> onSignedIn) {
        this.signIn = signIn;
        this.tasks = tasks;
        this.locale = locale;
        this.zone = zone;
        this.onSignedIn = onSignedIn;
    }

    /** Called when the screen shows: the database machinery is loaded while the operator types. */
    public void prepare() {
        tasks.execute(() -> {
            signIn.prepare();
            return null;
        }, done -> { }, failure -> { }); // a failed warm-up only means the sign-in itself pays for it
    }

    public void signIn() {
        if (working.get()) {
            return;
        }
        if (login.get().isBlank()) {
            message.set(Localization.format(locale, "signIn.refusedNoCount"));
            return;
        }
        working.set(true);
        message.set(Localization.text(locale, "signIn.working"));
        String who = login.get();
        char[] secret = password.get().toCharArray();
        password.set("");
        tasks.execute(() -> signIn.signIn(who, secret), outcome -> {
            working.set(false);
            java.util.Arrays.fill(secret, '\0');
            if (outcome instanceof SignIn.Outcome.SignedIn signedIn) {
                message.set("");
                onSignedIn.accept(signedIn.session());
            } else {
                message.set(SignIn.refusal(outcome, locale, zone));
            }
        }, failure -> {
            working.set(false);
            message.set(Localization.format(locale, "signIn.failed", failure.getMessage()));
        });
    }

    public StringProperty loginProperty() {
        return login;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public BooleanProperty workingProperty() {
        return working;
    }
}
