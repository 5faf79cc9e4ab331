package canbao.cli;

import canbao.model.Localization;
import canbao.model.Validated;
import canbao.account.SignIn;
import canbao.account.Session;
import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a headless command signs in: {@code --user LOGIN} (or CANBAO_USER) and the password from
 * CANBAO_PASSWORD, else asked on the terminal without echo. A command never takes a password as an
 * argument, where it would show in the process list and the shell's history.
 */
public final class Credentials {

    public static final String USER_VARIABLE = "CANBAO_USER";
    public static final String PASSWORD_VARIABLE = "CANBAO_PASSWORD";
    /** sysexits' EX_NOPERM: refused, locked, or a role that may not run the command. */
    public static final int EXIT_REFUSED = 77;

    private final Map<String, String> environment;
    private final Console console;
    private final PrintStream err;
    private final Locale locale;

    public Credentials(Map<String, String> environment, Console console, PrintStream err, Locale locale) {
        this.environment = environment;
        this.console = console;
        this.err = err;
        this.locale = locale;
    }

    public Optional<String> user(String flag) {
        String user = flag != null ? flag : environment.get(USER_VARIABLE);
        if (user == null || user.isBlank()) {
            err.println(Localization.text(locale, "cli.signIn.noUser"));
            return Optional.empty();
        }
        return Optional.of(user.strip());
    }

    public Optional<char[]> password(boolean twice) {
        String given = environment.get(PASSWORD_VARIABLE);
        if (given != null) {
            return Optional.of(given.toCharArray());
        }
        if (console == null) {
            err.println(Localization.text(locale, "cli.signIn.noPassword"));
            return Optional.empty();
        }
        char[] password = console.readPassword("%s", Localization.text(locale, "cli.signIn.prompt"));
        if (password == null) {
            return Optional.empty();
        }
        if (twice) {
            char[] repeated = console.readPassword("%s", Localization.text(locale, "cli.signIn.repeat"));
            if (repeated == null || !Arrays.equals(password, repeated)) {
                err.println(Localization.text(locale, "account.password.mismatch"));
                return Optional.empty();
            }
        }
        return Optional.of(password);
    }

    /** Signs in to {@code folder}; on refusal says why on stderr and returns nothing. */
    public Optional<Session> signIn(Path folder, String userFlag, Clock clock) {
        SignIn signIn = new SignIn(folder, clock);
        if (signIn.firstRun()) {
            err.println(Localization.text(locale, "setup.missing"));
            return Optional.empty();
        }
        Optional<String> user = user(userFlag);
        Optional<char[]> password = user.isEmpty() ? Optional.empty() : password(false);
        if (password.isEmpty()) {
            return Optional.empty();
        }
        SignIn.Outcome outcome = signIn.signIn(user.get(), password.get());
        Arrays.fill(password.get(), '\0');
        if (outcome instanceof SignIn.Outcome.SignedIn signedIn) {
            return Optional.of(signedIn.session());
        }
        err.println(SignIn.refusal(outcome, locale, clock.getZone()));
        return Optional.empty();
    }

    /** The first run from the command line: {@code setup --township T --county C --user LOGIN --name NAME}. */
    public Optional<Session> setUp(Path folder, String township, String county, String userFlag, String name,
                                   Clock clock) {
        Optional<String> user = user(userFlag);
        Optional<char[]> password = user.isEmpty() ? Optional.empty() : password(true);
        if (password.isEmpty()) {
            return Optional.empty();
        }
        Validated<Session> made = new SignIn(folder, clock).setUp(township, county, user.get(), name,
                password.get(), password.get());
        Arrays.fill(password.get(), '\0');
        if (!made.isValid()) {
            made.problems().forEach(problem -> err.println(problem.describe(locale)));
        }
        return Optional.ofNullable(made.value());
    }
}
