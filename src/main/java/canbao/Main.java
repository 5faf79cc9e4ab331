package canbao;

import canbao.cli.BenchCommand;
import canbao.cli.Credentials;
import canbao.cli.EnrollCommand;
import canbao.cli.Options;
import canbao.cli.QuoteCommand;
import canbao.gui.GuiLauncher;
import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.PolicyShelf;
import canbao.report.RosterImport;
import canbao.report.Templates;
import canbao.store.RosterStore;
import canbao.cli.ImportCommand;
import canbao.cli.ReportCommand;
import canbao.report.Bulletins;
import canbao.report.CoverageReport;
import canbao.store.ShiftStore;
import canbao.store.AuditVerifier;
import canbao.store.CoverageStore;
import canbao.sync.PolicyDownload;
import canbao.sync.SyncClient;
import canbao.sync.Uploader;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import canbao.store.DataFolder;
import canbao.store.Database;
import canbao.store.HouseholdService;
import canbao.store.OutboxQueue;
import canbao.store.Session;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar canbao.jar [command]}: no command (or only options such as {@code --data DIR})
 * opens the window; otherwise a headless command. Kept free of JavaFX so headless commands never
 * load it.
 */
public final class Main {

    private static final int EXIT_USAGE = 64;
    private static final Locale LOCALE = Localization.CHINESE;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].startsWith("--")) {
            GuiLauncher.launch(args);
            return;
        }
        System.exit(run(args));
    }

    static int run(String[] args) throws Exception {
        // standard streams in UTF-8 whatever the platform's default (GBK on Chinese Windows, ASCII under LANG=C)
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try {
            return switch (args[0]) {
                case "quote" -> quote(Options.parse(args, 1, Set.of("policy-dir")));
                case "setup" -> setUp(Options.parse(args, 1, Set.of("data", "township", "county", "user", "name")),
                        err);
                case "enroll" -> enroll(Options.parse(args, 1, Set.of("data", "user", "policy-dir")), err);
                case "bench" -> bench(Arrays.copyOfRange(args, 1, args.length), err);
                case "hub" -> hub(args, err);
                case "sync" -> sync(Options.parse(args, 1, Set.of("data", "user", "hub", "token", "token-file", "time-limit",
                        "batch-size")),
                        err);
                case "import" -> importFile(args, err);
                case "report" -> report(args, err);
                case "audit" -> audit(args, err);
                case "help", "-h" -> {
                    err.println(Localization.text(LOCALE, "cli.usage"));
                    yield 0;
                }
                default -> {
                    err.println(Localization.format(LOCALE, "cli.unknownCommand", args[0]));
                    err.println(Localization.text(LOCALE, "cli.usage"));
                    yield EXIT_USAGE;
                }
            };
        } catch (java.time.format.DateTimeParseException e) {
            if (!Arrays.asList(args).contains(e.getParsedString())) {
                return failed(e, err);
            }
            // an option's date (--date 2022-02-30): a usage error, said with what was given
            err.println(Localization.format(LOCALE, "cli.badDate", e.getParsedString()));
            return EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println(Localization.format(LOCALE, "cli.unknownOption", e.getMessage()));
            err.println(Localization.text(LOCALE, "cli.usage"));
            return EXIT_USAGE;
        } catch (Throwable e) {
            return failed(e, err);
        }
    }

    private static final int EXIT_FAILED = 2;

    /**
     * Anything a command did not foresee: one line for the operator or the script (what kind of thing
     * failed, nothing saved half), never a stack trace; the stack goes to a private log file, written
     * without any exception's message (a parser's or driver's message may quote a name or an ID number).
     */
    static int failed(Throwable e, PrintStream err) {
        String where;
        try {
            Path log = java.nio.file.Files.createTempFile("canbao-error-", ".log");
            StringBuilder stack = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                stack.append(t == e ? "" : "caused by ").append(t.getClass().getName()).append('\n');
                for (StackTraceElement frame : t.getStackTrace()) {
                    stack.append("    ").append(frame).append('\n');
                }
            }
            java.nio.file.Files.writeString(log, stack, StandardCharsets.UTF_8);
            where = log.toString();
        } catch (java.io.IOException | RuntimeException notWritten) {
            where = "—";
        }
        err.println(Localization.format(LOCALE, "cli.failed", Localization.text(LOCALE, kindOf(e)), where));
        return EXIT_FAILED;
    }

    private static String kindOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.nio.file.NoSuchFileException || t instanceof java.io.FileNotFoundException) {
                return "cli.failed.noFile";
            }
            if (t instanceof java.nio.file.AccessDeniedException) {
                return "cli.failed.access";
            }
            if (t instanceof java.sql.SQLException || t instanceof org.jdbi.v3.core.JdbiException
                    || t instanceof org.flywaydb.core.api.FlywayException) {
                return "cli.failed.database";
            }
            if (t instanceof OutOfMemoryError) {
                return "cli.failed.memory";
            }
            if (t instanceof java.io.IOException) {
                return "cli.failed.io";
            }
        }
        return "cli.failed.other";
    }

    private static int quote(Options options) throws Exception {
        PolicyLibrary library = policies(options);
        QuoteCommand command = new QuoteCommand(new QuoteRequestValidator(library, Clock.systemDefaultZone()),
                new QuoteEngine(LOCALE), LOCALE);
        return command.run(stdin(), stdoutWriter());
    }

    /**
     * {@code setup --data DIR --township T --county C --user LOGIN --name NAME}: the first run without a
     * window — the workplace and its administrator, whose password (CANBAO_PASSWORD, or asked twice on the
     * terminal) makes the folder's key.
     */
    private static int setUp(Options options, PrintStream err) {
        Path folder = dataFolder(options);
        Optional<Session> session = credentials(err).setUp(folder, options.get("township"), options.get("county"),
                options.get("user"), options.get("name"), Clock.systemDefaultZone());
        session.ifPresent(Session::close);
        return session.isPresent() ? 0 : EXIT_USAGE;
    }

    /** {@code enroll --data DIR --user LOGIN}: saves households read as JSON lines, under the operator's login. */
    private static int enroll(Options options, PrintStream err) throws Exception {
        return signedIn(signIn(options, err), session -> {
            HouseholdService households = new HouseholdService(session.database(), policies(options),
                    new QuoteEngine(LOCALE), Clock.systemDefaultZone());
            return new EnrollCommand(households, session.operator().login(), LOCALE).run(stdin(), stdoutWriter());
        });
    }

    private static Path dataFolder(Options options) {
        return DataFolder.resolve(options.get("data"), System.getenv(), System.getProperty("user.home"));
    }

    private static Credentials credentials(PrintStream err) {
        return new Credentials(System.getenv(), System.console(), err, LOCALE);
    }

    private static Optional<Session> signIn(Options options, PrintStream err) {
        return credentials(err).signIn(dataFolder(options), options.get("user"), Clock.systemDefaultZone());
    }

    /** Runs a command signed in and closes the data after it; a refused sign-in (said on stderr) exits 77. */
    private static int signedIn(Optional<Session> signedIn, SessionCommand command) throws Exception {
        if (signedIn.isEmpty()) {
            return Credentials.EXIT_REFUSED;
        }
        try (Session session = signedIn.get()) {
            return command.run(session);
        }
    }

    @FunctionalInterface
    private interface SessionCommand {
        int run(Session session) throws Exception;
    }

    /** Signs in and checks the role may import files and make township reports (not a village cadre). */
    private static Optional<Session> signInForReports(Options options, PrintStream err) {
        Optional<Session> session = signIn(options, err);
        if (session.isPresent() && !session.get().operator().role().importsAndReports()) {
            err.println(Localization.text(LOCALE, "cli.signIn.role"));
            session.get().close();
            return Optional.empty();
        }
        return session;
    }

    /**
     * {@code sync --data DIR --hub URL [--token-file F] [--time-limit SECONDS]}: uploads everything
     * pending, prints a JSON summary; exit 0 only when nothing is left pending. A new device token comes
     * from {@code CANBAO_HUB_TOKEN} or a file, never the command line (it would show in the process list).
     */
    private static int sync(Options options, PrintStream err) throws Exception {
        if (options.get("hub") == null) {
            throw new IllegalArgumentException("sync --data DIR --hub URL [--token-file F]");
        }
        if (options.get("token") != null) {
            err.println(Localization.text(LOCALE, "sync.tokenOnCommandLine"));
            return EXIT_USAGE;
        }
        String newToken = System.getenv("CANBAO_HUB_TOKEN");
        if (options.get("token-file") != null) {
            java.util.List<String> lines = java.nio.file.Files.readAllLines(Path.of(options.get("token-file")));
            newToken = lines.isEmpty() ? null : lines.get(0).strip();
        }
        String givenToken = newToken == null || newToken.isBlank() ? null : newToken.strip();
        Path folder = dataFolder(options);
        return signedIn(signIn(options, err), session -> {
            Database database = session.database();
            WorkplaceSettings settings = new WorkplaceSettings(database);
            Optional<Workplace> workplace = settings.load().map(w -> new Workplace(w.township(), w.county(),
                    session.operator().login()));
            // where the records go is the administrator's to set: others sync only to the hub already saved
            boolean changes = (givenToken != null && !settings.hubToken().equals(Optional.of(givenToken)))
                    || !settings.hubUrl().equals(Optional.of(options.get("hub").strip()));
            if (changes && !session.operator().role().managesAccounts()) {
                err.println(Localization.text(LOCALE, "upload.adminOnly"));
                return Credentials.EXIT_REFUSED;
            }
            if (givenToken != null) {
                settings.saveHubToken(givenToken);
            }
            settings.saveHubUrl(options.get("hub"));
            Optional<String> token = settings.hubToken();
            if (token.isEmpty()) {
                err.println(Localization.text(LOCALE, "sync.noToken"));
                return EXIT_USAGE;
            }
            Duration limit = Duration.ofSeconds(options.get("time-limit") == null ? 300
                    : Long.parseLong(options.get("time-limit")));
            OutboxQueue queue = new OutboxQueue(database, workplace.get(), settings.deviceId().orElseThrow(),
                    Clock.systemUTC());
            SyncClient client = new SyncClient(URI.create(options.get("hub")), token.get(), Duration.ofSeconds(30));
            Uploader uploader = new Uploader(queue, client, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()),
                    options.get("batch-size") == null ? 500 : Integer.parseInt(options.get("batch-size")));
            Uploader.Summary summary = uploader.uploadAll(limit);
            java.util.Map<String, Object> printed = new java.util.LinkedHashMap<>(
                    new com.fasterxml.jackson.databind.ObjectMapper().convertValue(summary, java.util.Map.class));
            try {
                // reference data down: new policy tables land in the data folder's policy/
                PolicyDownload.Result policies = new PolicyDownload(client).into(folder.resolve("policy"));
                printed.put("policyTablesFetched", policies.fetched());
                printed.put("policyTablesRefused", policies.refused());
            } catch (java.io.IOException e) {
                printed.put("policyTablesError", String.valueOf(e.getMessage()));
            }
            stdout().println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(printed));
            return summary.pending() == 0 ? 0 : 1;
        });
    }

    /**
     * {@code import --data DIR --kind roster|ledger|targets FILE} imports a file (all or nothing);
     * {@code import --kind K --template FILE} writes the empty template (.xlsx or .csv).
     */
    private static int importFile(String[] args, PrintStream err) throws Exception {
        if (args.length < 4) {
            throw new IllegalArgumentException("import --data DIR --kind roster|ledger|targets FILE");
        }
        Path file = Path.of(args[args.length - 1]);
        String[] options = Arrays.copyOfRange(args, 0, args.length - 1);
        boolean template = Arrays.asList(options).contains("--template");
        Options parsed = Options.parse(template ? Arrays.stream(options).filter(a -> !a.equals("--template"))
                .toArray(String[]::new) : options, 1, Set.of("data", "user", "kind"));
        RosterImport.Kind kind = RosterImport.Kind.of(String.valueOf(parsed.get("kind")))
                .orElseThrow(() -> new IllegalArgumentException("--kind roster|ledger|targets"));
        if (template) {
            Templates.write(kind, file);
            return 0;
        }
        Path folder = dataFolder(parsed);
        return signedIn(signInForReports(parsed, err), session -> {
            Database database = session.database();
            PolicyLibrary policies = PolicyLibrary.builtIn().withDirectory(folder.resolve("policy"));
            RosterImport imports = new RosterImport(new RosterStore(database, Clock.systemDefaultZone()), policies,
                    Clock.systemDefaultZone());
            return new ImportCommand(imports, session.operator().login(), LOCALE).run(kind, file, stdout());
        });
    }

    /**
     * {@code report coverage --data DIR --year Y [--json]}; {@code report bulletin --data DIR --year Y
     * --out FILE.xlsx|.pdf [--date D]}; {@code report shift --data DIR --out FILE [--date D]}.
     */
    private static int report(String[] args, PrintStream err) throws Exception {
        if (args.length >= 2 && (args[1].equals("bulletin") || args[1].equals("shift"))) {
            return bulletin(args, err);
        }
        if (args.length < 2 || !args[1].equals("coverage")) {
            throw new IllegalArgumentException("report coverage|bulletin|shift --data DIR …");
        }
        boolean json = Arrays.asList(args).contains("--json");
        Options options = Options.parse(Arrays.stream(args).filter(a -> !a.equals("--json")).toArray(String[]::new), 2,
                Set.of("data", "user", "year"));
        if (options.get("year") == null || !options.get("year").matches("\\d{4}")) {
            throw new IllegalArgumentException("--year YYYY");
        }
        Path folder = dataFolder(options);
        return signedIn(signInForReports(options, err), session -> {
            Database database = session.database();
            PolicyLibrary policies = PolicyLibrary.builtIn().withDirectory(folder.resolve("policy"));
            return new ReportCommand(new CoverageReport(new CoverageStore(database), policies))
                    .run(Integer.parseInt(options.get("year")), json, stdout());
        });
    }

    private static int bulletin(String[] args, PrintStream err) throws Exception {
        boolean shift = args[1].equals("shift");
        Options options = Options.parse(args, 2, Set.of("data", "user", "year", "out", "date"));
        if (options.get("out") == null || !shift && (options.get("year") == null
                || !options.get("year").matches("\\d{4}"))) {
            throw new IllegalArgumentException(shift ? "report shift --data DIR --out FILE [--date YYYY-MM-DD]"
                    : "report bulletin --data DIR --year YYYY --out FILE [--date YYYY-MM-DD]");
        }
        java.time.LocalDate date = options.get("date") == null ? java.time.LocalDate.now()
                : java.time.LocalDate.parse(options.get("date"));
        Path folder = dataFolder(options);
        return signedIn(signInForReports(options, err), session -> {
            Database database = session.database();
            Optional<Workplace> workplace = new WorkplaceSettings(database).load();
            Bulletins bulletins = new Bulletins(workplace.get().township(), LOCALE);
            if (shift) {
                bulletins.shift(new ShiftStore(database).day(date, java.time.ZoneId.systemDefault()), date,
                        Path.of(options.get("out")));
            } else {
                PolicyLibrary policies = PolicyLibrary.builtIn().withDirectory(folder.resolve("policy"));
                bulletins.bulletin(new CoverageReport(new CoverageStore(database), policies)
                        .compute(Integer.parseInt(options.get("year"))), date, Path.of(options.get("out")));
            }
            return 0;
        });
    }

    /** {@code audit verify --data DIR}: walks the audit log's hash chain; exit 0 only when intact. */
    private static int audit(String[] args, PrintStream err) throws Exception {
        if (args.length < 2 || !args[1].equals("verify")) {
            throw new IllegalArgumentException("audit verify --data DIR");
        }
        Options options = Options.parse(args, 2, Set.of("data", "user"));
        return signedIn(signIn(options, err), session -> {
            AuditVerifier.Result result = new AuditVerifier(session.database()).verify();
            java.util.Map<String, Object> printed = new java.util.LinkedHashMap<>();
            printed.put("entries", result.entries());
            printed.put("intact", result.intact());
            printed.put("problems", result.problems().stream().map(p -> p.message(LOCALE)).toList());
            stdout().println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(printed));
            return result.intact() ? 0 : 1;
        });
    }

    /**
     * {@code hub --port P --db URL [--host H]} serves; {@code hub token --db URL --device NAME --township T}
     * makes a token that speaks for that township only.
     */
    private static int hub(String[] args, PrintStream err) throws Exception {
        if (args.length > 1 && args[1].equals("token")) {
            Options options = Options.parse(args, 2, Set.of("db", "device", "township", "key-file", "db-password-file"));
            if (options.get("db") == null || options.get("device") == null || options.get("township") == null) {
                throw new IllegalArgumentException("hub token --db JDBC_URL --device NAME --township T");
            }
            Optional<Integer> refused = hubDatabaseRefused(options, err);
            if (refused.isPresent()) {
                return refused.get();
            }
            try (Hub hub = Hub.open(options.get("db"), hubDatabasePassword(options), Clock.systemUTC(),
                    PolicyShelf.load(null), hubKeyFile(options))) {
                stdout().println(hub.registerDevice(options.get("device"), options.get("township")));
            } catch (IllegalArgumentException notAPlainName) {
                // the hub's own words (which name is refused and why), not "unknown option"
                err.println(notAPlainName.getMessage());
                return EXIT_USAGE;
            }
            return 0;
        }
        Options options = Options.parse(args, 1, Set.of("port", "db", "host", "max-batch-bytes", "policy-dir",
                "key-file", "db-password-file"));
        if (options.get("port") == null || options.get("db") == null) {
            throw new IllegalArgumentException("hub --port P --db JDBC_URL");
        }
        Optional<Integer> refused = hubDatabaseRefused(options, err);
        if (refused.isPresent()) {
            return refused.get();
        }
        long limit = options.get("max-batch-bytes") == null ? HubServer.DEFAULT_MAX_BATCH_BYTES
                : Long.parseLong(options.get("max-batch-bytes"));
        PolicyShelf shelf = PolicyShelf.load(options.get("policy-dir") == null ? null : Path.of(options.get("policy-dir")));
        try (Hub hub = Hub.open(options.get("db"), hubDatabasePassword(options), Clock.systemUTC(), shelf,
                hubKeyFile(options));
             HubServer server = new HubServer(hub, options.get("host") == null ? "0.0.0.0" : options.get("host"),
                     Integer.parseInt(options.get("port")), limit).start()) {
            err.println(Localization.format(LOCALE, "hub.listening", server.port()));
            server.join();
        }
        return 0;
    }

    /**
     * A database password never goes on the command line (the process list shows it): a {@code --db}
     * URL carrying one is refused; it comes from CANBAO_HUB_DB_PASSWORD or {@code --db-password-file}.
     * A hub not on a SQLite file keeps its signing key in {@code --key-file} (a SQLite hub's is beside
     * its file unless given).
     */
    private static Optional<Integer> hubDatabaseRefused(Options options, PrintStream err) {
        if (options.get("db").toLowerCase(Locale.ROOT).contains("password=")) {
            err.println(Localization.text(LOCALE, "hub.passwordOnCommandLine"));
            return Optional.of(EXIT_USAGE);
        }
        if (!options.get("db").startsWith("jdbc:sqlite:") && options.get("key-file") == null) {
            err.println(Localization.text(LOCALE, "hub.keyFileNeeded"));
            return Optional.of(EXIT_USAGE);
        }
        return Optional.empty();
    }

    private static String hubDatabasePassword(Options options) throws java.io.IOException {
        String file = options.get("db-password-file");
        if (file != null) {
            return java.nio.file.Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        }
        return System.getenv("CANBAO_HUB_DB_PASSWORD");
    }

    private static Path hubKeyFile(Options options) {
        return options.get("key-file") == null ? null : Path.of(options.get("key-file"));
    }

    private static int bench(String[] args, PrintStream err) throws Exception {
        try {
            return new BenchCommand(stdout()).run(args);
        } catch (IllegalArgumentException e) {
            // a benchmark's own complaint (wrong folder, usage) says what to do: show it as it is
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
    }

    private static PolicyLibrary policies(Options options) {
        PolicyLibrary library = PolicyLibrary.builtIn();
        String directory = options.get("policy-dir");
        return directory == null ? library : library.withDirectory(Path.of(directory));
    }

    private static BufferedReader stdin() {
        return new BufferedReader(new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8),
                1 << 16);
    }

    private static Writer stdoutWriter() {
        return new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16);
    }

    private static PrintStream stdout() {
        return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }

}
