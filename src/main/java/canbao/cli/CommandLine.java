package canbao.cli;

import canbao.app.CounterServices;
import canbao.model.Localization;
import canbao.store.DataFolder;
import canbao.account.Session;
import java.io.BufferedReader;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What every headless command is given: its standard streams (UTF-8 whatever the platform's default —
 * GBK on Chinese Windows, ASCII under LANG=C), the environment, the terminal, the clock and the
 * language; and the one way a command signs in and opens the counter ({@link CounterServices}).
 */
public final class CommandLine {

    /** sysexits' EX_USAGE: the command line was wrong; nothing was done. */
    public static final int EXIT_USAGE = 64;
    /** A command that could not finish (a file missing, a damaged database): nothing saved half. */
    public static final int EXIT_FAILED = 2;

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final Console console;
    private final Clock clock;
    private final Locale locale;
    private final String home;

    public CommandLine(InputStream in, OutputStream out, OutputStream err, Map<String, String> environment,
                       Console console, Clock clock, Locale locale, String home) {
        this.in = in;
        this.out = out;
        this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
        this.environment = environment;
        this.console = console;
        this.clock = clock;
        this.locale = locale;
        this.home = home;
    }

    /** The process's own streams, environment and terminal, in Chinese. */
    public static CommandLine system() {
        return new CommandLine(new FileInputStream(FileDescriptor.in), new FileOutputStream(FileDescriptor.out),
                new FileOutputStream(FileDescriptor.err), System.getenv(), System.console(),
                Clock.systemDefaultZone(), Localization.CHINESE, System.getProperty("user.home"));
    }

    public Locale locale() {
        return locale;
    }

    public Clock clock() {
        return clock;
    }

    public PrintStream err() {
        return err;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public String variable(String name) {
        return environment.get(name);
    }

    public PrintStream stdout() {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    public BufferedReader stdin() {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Standard output for answers written as UTF-8 bytes (JSON Lines), buffered; the caller flushes. */
    public OutputStream stdoutBytes() {
        return new java.io.BufferedOutputStream(out, 1 << 16);
    }

    public String text(String key) {
        return Localization.text(locale, key);
    }

    public String format(String key, Object... arguments) {
        return Localization.format(locale, key, arguments);
    }

    /** {@code --data DIR}, else CANBAO_DATA, else ~/.canbao. */
    public Path dataFolder(Options options) {
        return DataFolder.resolve(options.get("data"), environment, home);
    }

    public Credentials credentials() {
        return new Credentials(environment, console, err, locale);
    }

    public Optional<Session> signIn(Options options) {
        return credentials().signIn(dataFolder(options), options.get("user"), clock);
    }

    /** Signs in and checks the role may import files and make township reports (not a village cadre). */
    public Optional<Session> signInForReports(Options options) {
        Optional<Session> session = signIn(options);
        if (session.isPresent() && !session.get().operator().role().importsAndReports()) {
            err.println(text("cli.signIn.role"));
            session.get().close();
            return Optional.empty();
        }
        return session;
    }

    /** Runs a command signed in and closes the data after it; a refused sign-in (said on stderr) exits 77. */
    public int signedIn(Optional<Session> signedIn, SessionCommand command) throws Exception {
        if (signedIn.isEmpty()) {
            return Credentials.EXIT_REFUSED;
        }
        try (Session session = signedIn.get()) {
            return command.run(session);
        }
    }

    /**
     * Signs in to the options' data folder (checking the role may make reports when {@code reports}) and
     * runs a command on the counter the window opens ({@link CounterServices}): the same tables and
     * services. A data-folder table left out is said on stderr, once, and the command goes on without it.
     *
     * @param policyDirectory {@code --policy-dir} where the command takes one, else null
     */
    public int counter(Options options, boolean reports, Path policyDirectory, CounterCommand command)
            throws Exception {
        Path folder = dataFolder(options);
        return signedIn(reports ? signInForReports(options) : signIn(options), session -> {
            try (CounterServices services = CounterServices.open(session, folder, policyDirectory, clock, locale)) {
                services.refusedTables().forEach(refused -> err.println(format("policy.folder.refused",
                        refused.getMessage())));
                return command.run(services);
            }
        });
    }

    @FunctionalInterface
    public interface SessionCommand {
        int run(Session session) throws Exception;
    }

    @FunctionalInterface
    public interface CounterCommand {
        int run(CounterServices services) throws Exception;
    }
}
