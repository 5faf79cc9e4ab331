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
import canbao.store.CounterPolicies;
import canbao.store.CoverageStore;
import canbao.sync.PolicyDownload;
import canbao.sync.SyncClient;
import canbao.sync.Uploader;
import canbao.model.Localization;
import canbao.policy.CountyKey;
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
                case "setup" -> setUp(Options.parse(args, 1, Set.of("data", "township", "county", "user", "name",
                        "county-key", "county-key-fingerprint")), err);
                case "county-key" -> pinCountyKey(Options.parse(args, 1, Set.of("data", "user", "county-key",
                        "county-key-fingerprint")), err);
                case "enroll" -> enroll(Options.parse(args, 1, Set.of("data", "user", "policy-dir")), err);
                case "bench" -> bench(Arrays.copyOfRange(args, 1, args.length), err);
                case "hub" -> hub(args, err);
                case "sync" -> sync(Options.parse(args, 1, Set.of("data", "user", "hub", "token", "token-file", "time-limit",
                        "batch-size", "pin-hub-cert", "pin-hub-ca", "hub-fingerprint", "allow-plain-http")),
                        err);
                case "import" -> importFile(args, err);
                case "report" -> report(args, err);
                case "audit" -> audit(args, err);
                case "policy" -> new canbao.cli.PolicyCommand(stdout(), err, Clock.systemDefaultZone(), LOCALE,
                        System.getProperty("user.name")).run(args);
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
        } catch (UsageRefused e) {
            err.println(e.getMessage());
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
        // the key is checked before anything is made: a wrong file or fingerprint leaves no half-set folder
        Optional<CountyKey> countyKey = Optional.empty();
        if (options.get("county-key") != null) {
            countyKey = confirmedCountyKey(options, err);
            if (countyKey.isEmpty()) {
                return EXIT_USAGE;
            }
        }
        Optional<Session> session = credentials(err).setUp(folder, options.get("township"), options.get("county"),
                options.get("user"), options.get("name"), Clock.systemDefaultZone());
        if (session.isPresent() && countyKey.isPresent()) {
            new WorkplaceSettings(session.get().database()).pinCountyKey(countyKey.get(),
                    session.get().operator().login(), Clock.systemUTC().instant());
            err.println(Localization.format(LOCALE, "countyKey.pinned", countyKey.get().issuer(),
                    countyKey.get().fingerprint()));
        }
        session.ifPresent(Session::close);
        return session.isPresent() ? 0 : EXIT_USAGE;
    }

    /**
     * {@code county-key --data DIR --user ADMIN --county-key FILE --county-key-fingerprint FP}: pins (or
     * replaces) the county key of a data folder; an administrator's action, in the audit log.
     */
    private static int pinCountyKey(Options options, PrintStream err) throws Exception {
        if (options.get("county-key") == null) {
            throw new IllegalArgumentException("county-key --data DIR --user LOGIN --county-key FILE "
                    + "--county-key-fingerprint FINGERPRINT");
        }
        Optional<CountyKey> countyKey = confirmedCountyKey(options, err);
        if (countyKey.isEmpty()) {
            return EXIT_USAGE;
        }
        return signedIn(signIn(options, err), session -> {
            try {
                new WorkplaceSettings(session.database()).pinCountyKey(countyKey.get(), session.operator().login(),
                        Clock.systemUTC().instant());
            } catch (IllegalArgumentException notAnAdministrator) {
                err.println(Localization.text(LOCALE, "countyKey.adminOnly"));
                return Credentials.EXIT_REFUSED;
            }
            err.println(Localization.format(LOCALE, "countyKey.pinned", countyKey.get().issuer(),
                    countyKey.get().fingerprint()));
            return 0;
        });
    }

    /**
     * The county key file of {@code --county-key}, when the fingerprint the administrator confirmed with
     * the county ({@code --county-key-fingerprint}, as read by phone) is its own; else says why (and, when
     * none was given, what to confirm) and gives nothing.
     */
    private static Optional<CountyKey> confirmedCountyKey(Options options, PrintStream err) {
        CountyKey key;
        try {
            key = canbao.cli.CountyKeyFiles.readKeyDocument(Path.of(options.get("county-key")));
        } catch (canbao.policy.PolicyTableException e) {
            err.println(e.getMessage());
            return Optional.empty();
        } catch (java.io.IOException e) {
            err.println(Localization.format(LOCALE, "countyKey.missingFile", options.get("county-key")));
            return Optional.empty();
        }
        String typed = options.get("county-key-fingerprint");
        if (typed == null) {
            err.println(Localization.format(LOCALE, "countyKey.confirm", key.issuer(), key.fromYear(), key.toYear(),
                    key.fingerprint()));
            return Optional.empty();
        }
        if (!key.matches(typed)) {
            err.println(Localization.format(LOCALE, "countyKey.fingerprintMismatch", key.fingerprint()));
            return Optional.empty();
        }
        return Optional.of(key);
    }

    /** {@code enroll --data DIR --user LOGIN}: saves households read as JSON lines, under the operator's login. */
    private static int enroll(Options options, PrintStream err) throws Exception {
        Path folder = dataFolder(options);
        return signedIn(signIn(options, err), session -> {
            // the window's tables (built in, and the data folder's signed ones), plus a folder named here
            PolicyLibrary policies = counterPolicies(folder, session.database(), err);
            if (options.get("policy-dir") != null) {
                policies = policies.withDirectory(Path.of(options.get("policy-dir")));
            }
            HouseholdService households = new HouseholdService(session.database(), policies,
                    new QuoteEngine(LOCALE), Clock.systemDefaultZone());
            canbao.store.RenewalService renewals = new canbao.store.RenewalService(session.database(), households,
                    policies, Clock.systemDefaultZone());
            return new EnrollCommand(households, renewals, session.operator().login(), LOCALE)
                    .run(stdin(), stdoutWriter());
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
            boolean trustChanges = options.get("pin-hub-cert") != null || options.get("pin-hub-ca") != null
                    || options.get("hub-fingerprint") != null || options.get("allow-plain-http") != null;
            if (trustChanges && !session.operator().role().managesAccounts()) {
                err.println(Localization.text(LOCALE, "sync.pin.adminOnly"));
                return Credentials.EXIT_REFUSED;
            }
            if (trustChanges && !pinHub(options, settings, session.operator().login(), err)) {
                return EXIT_USAGE;
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
            SyncClient client = new SyncClient(URI.create(options.get("hub")), token.get(), Duration.ofSeconds(30),
                    settings.hubTrust());
            Uploader uploader = new Uploader(queue, client, Clock.systemUTC(), duration -> Thread.sleep(duration.toMillis()),
                    options.get("batch-size") == null ? 500 : Integer.parseInt(options.get("batch-size")));
            Uploader.Summary summary = uploader.uploadAll(limit);
            java.util.Map<String, Object> printed = new java.util.LinkedHashMap<>(
                    new com.fasterxml.jackson.databind.ObjectMapper().convertValue(summary, java.util.Map.class));
            try {
                // reference data down: new policy tables land in the data folder's policy/
                PolicyDownload.Result policies = new PolicyDownload(client, settings.countyKey())
                        .into(folder.resolve(CounterPolicies.FOLDER));
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
     * For scripts, what the Upload screen's administrator does: pins the hub's certificate from a PEM file
     * ({@code --pin-hub-cert}), a CA ({@code --pin-hub-ca}), or the certificate the hub presents when its
     * fingerprint is the one given ({@code --hub-fingerprint}, read out by the county); and
     * {@code --allow-plain-http yes|no}. Each is kept in the encrypted data and audited.
     */
    private static boolean pinHub(Options options, WorkplaceSettings settings, String login, PrintStream err)
            throws java.io.IOException {
        String allow = options.get("allow-plain-http");
        if (allow != null) {
            if (!allow.equals("yes") && !allow.equals("no")) {
                throw new IllegalArgumentException("--allow-plain-http yes|no");
            }
            settings.allowPlainHttp(allow.equals("yes"), login, java.time.Instant.now());
        }
        canbao.sync.HubTrust.Pin pin = null;
        for (String option : java.util.List.of("pin-hub-cert", "pin-hub-ca")) {
            if (options.get(option) == null) {
                continue;
            }
            try {
                pin = new canbao.sync.HubTrust.Pin(option.equals("pin-hub-ca") ? canbao.sync.HubTrust.Pin.Kind.CA
                        : canbao.sync.HubTrust.Pin.Kind.CERTIFICATE,
                        canbao.hub.HubTls.certificates(Path.of(options.get(option))).get(0));
            } catch (canbao.hub.HubTls.Unusable e) {
                err.println(Localization.format(LOCALE, "sync.pin.badFile", options.get(option)));
                return false;
            }
        }
        if (options.get("hub-fingerprint") != null) {
            Optional<String> expected = canbao.sync.HubTrust.normalizedFingerprint(options.get("hub-fingerprint"));
            if (expected.isEmpty()) {
                err.println(Localization.text(LOCALE, "sync.pin.badFingerprint"));
                return false;
            }
            java.security.cert.X509Certificate presented;
            try {
                presented = canbao.sync.HubTrust.presented(URI.create(options.get("hub").strip()),
                        Duration.ofSeconds(10)).get(0);
            } catch (java.io.IOException e) {
                err.println(Localization.format(LOCALE, "upload.certificate.fetchFailed",
                        canbao.sync.HubFailure.describe(e, LOCALE)));
                return false;
            }
            String seen = canbao.sync.HubTrust.fingerprint(presented);
            if (!seen.equals(expected.get())) {
                err.println(Localization.format(LOCALE, "sync.pin.fingerprintMismatch", seen, expected.get()));
                return false;
            }
            pin = new canbao.sync.HubTrust.Pin(canbao.sync.HubTrust.Pin.Kind.CERTIFICATE, presented);
        }
        if (pin != null) {
            settings.saveHubPin(pin, login, java.time.Instant.now());
            err.println(Localization.format(LOCALE, "sync.pin.saved",
                    pin.kind() == canbao.sync.HubTrust.Pin.Kind.CA ? "CA" : "certificate", pin.fingerprint()));
        }
        return true;
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
            PolicyLibrary policies = counterPolicies(folder, database, err);
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
        if (args.length >= 2 && args[1].equals("renewals")) {
            return renewals(args, err);
        }
        if (args.length >= 2 && args[1].equals("reminders")) {
            return reminders(args, err);
        }
        if (args.length >= 2 && args[1].equals("season")) {
            return season(args, err);
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
            PolicyLibrary policies = counterPolicies(folder, database, err);
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
                PolicyLibrary policies = counterPolicies(folder, database, err);
                bulletins.bulletin(new CoverageReport(new CoverageStore(database), policies)
                        .compute(Integer.parseInt(options.get("year"))), date, Path.of(options.get("out")));
            }
            return 0;
        });
    }

    /** {@code report renewals --data DIR --year Y [--village V] [--json]}: the 续保 worklist (issue 15). */
    private static int renewals(String[] args, PrintStream err) throws Exception {
        boolean json = Arrays.asList(args).contains("--json");
        Options options = Options.parse(Arrays.stream(args).filter(a -> !a.equals("--json")).toArray(String[]::new), 2,
                Set.of("data", "user", "year", "village"));
        if (options.get("year") == null || !options.get("year").matches("\\d{4}")) {
            throw new IllegalArgumentException("report renewals --data DIR --year YYYY [--village V] [--json]");
        }
        Path folder = dataFolder(options);
        return signedIn(signInForReports(options, err), session -> new canbao.cli.RenewalsCommand(
                renewalWorklist(session.database(), folder, err), LOCALE)
                .run(Integer.parseInt(options.get("year")), options.get("village"), json, stdout()));
    }

    /** {@code report reminders --data DIR --year Y [--village V] --out F.pdf|.xlsx}: 催缴通知单 (issue 15). */
    private static int reminders(String[] args, PrintStream err) throws Exception {
        Options options = Options.parse(args, 2, Set.of("data", "user", "year", "village", "out"));
        if (options.get("year") == null || !options.get("year").matches("\\d{4}") || options.get("out") == null) {
            throw new IllegalArgumentException("report reminders --data DIR --year YYYY [--village V] --out F.pdf|.xlsx");
        }
        Path folder = dataFolder(options);
        return signedIn(signInForReports(options, err), session -> {
            Workplace workplace = new WorkplaceSettings(session.database()).load().orElseThrow();
            canbao.report.RenewalWorklist worklist = renewalWorklist(session.database(), folder, err);
            int year = Integer.parseInt(options.get("year"));
            if (worklist.policies().table(year).isEmpty()) {
                err.println(Localization.format(LOCALE, "policyYear.noTable", year, worklist.policies().yearsText()));
                return 2;
            }
            new canbao.report.Reminders(worklist.policies(), workplace.township(), LOCALE)
                    .write(worklist.compute(year, options.get("village")), Path.of(options.get("out")));
            return 0;
        });
    }

    /** {@code report season --data DIR --year Y [--date YYYY-MM-DD] [--json]}: the season dashboard (issue 15). */
    private static int season(String[] args, PrintStream err) throws Exception {
        boolean json = Arrays.asList(args).contains("--json");
        Options options = Options.parse(Arrays.stream(args).filter(a -> !a.equals("--json")).toArray(String[]::new), 2,
                Set.of("data", "user", "year", "date"));
        if (options.get("year") == null || !options.get("year").matches("\\d{4}")) {
            throw new IllegalArgumentException("report season --data DIR --year YYYY [--date YYYY-MM-DD] [--json]");
        }
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        Clock clock = options.get("date") == null ? Clock.system(zone)
                : Clock.fixed(java.time.LocalDate.parse(options.get("date")).atTime(12, 0).atZone(zone).toInstant(), zone);
        dataFolder(options);
        return signedIn(signInForReports(options, err), session -> new canbao.cli.SeasonCommand(
                new canbao.report.SeasonDashboard(new canbao.store.SeasonStore(session.database()),
                        new CoverageStore(session.database()), clock), LOCALE)
                .run(Integer.parseInt(options.get("year")), json, stdout()));
    }

    private static canbao.report.RenewalWorklist renewalWorklist(Database database, Path folder, PrintStream err) {
        // the tables the window and every other command use: built in, and the data folder's signed ones
        return new canbao.report.RenewalWorklist(new canbao.store.RenewalStore(database),
                counterPolicies(folder, database, err), new QuoteEngine(LOCALE),
                Clock.systemDefaultZone(), LOCALE);
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
        if (args.length > 1 && (args[1].equals("keys") || args[1].equals("sign"))) {
            return new canbao.cli.CountyKeyCommand(stdout(), err, LOCALE).run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 2 && args[1].equals("token") && args[2].equals("revoke")) {
            return hubTokenRevoke(Options.parse(args, 3, Set.of("db", "device", "operator", "key-file",
                    "db-password-file")), err);
        }
        if (args.length > 1 && args[1].equals("token")) {
            Options options = Options.parse(args, 2, Set.of("db", "device", "township", "operator", "key-file",
                    "db-password-file"));
            boolean operator = options.get("operator") != null;
            if (operator ? options.get("device") != null || options.get("township") != null
                    : options.get("device") == null || options.get("township") == null) {
                throw new IllegalArgumentException("hub token [--db JDBC_URL] --device NAME --township T | --operator NAME");
            }
            Optional<String> db = hubDatabase(options, err);
            if (db.isEmpty()) {
                return EXIT_USAGE;
            }
            try (Hub hub = openHub(options, db.get(), PolicyShelf.load(null))) {
                stdout().println(operator ? hub.registerOperator(options.get("operator"))
                        : hub.registerDevice(options.get("device"), options.get("township")));
            } catch (IllegalArgumentException notAPlainName) {
                // the hub's own words (which name is refused and why), not "unknown option"
                err.println(notAPlainName.getMessage());
                return EXIT_USAGE;
            }
            return 0;
        }
        if (args.length > 2 && args[1].equals("tls") && args[2].equals("init")) {
            Options options = Options.parse(args, 3, Set.of("out", "host"));
            if (options.get("out") == null || options.get("host") == null) {
                throw new IllegalArgumentException("hub tls init --out DIR --host NAME[,IP...]");
            }
            try {
                canbao.hub.HubTls.Made made = canbao.hub.HubTls.init(Path.of(options.get("out")),
                        Arrays.stream(options.get("host").split(",")).map(String::strip).filter(h -> !h.isEmpty())
                                .toList(), Clock.systemUTC());
                stdout().println(Localization.format(LOCALE, "hub.tls.made", made.certificate(), made.key(),
                        made.fingerprint()));
                return 0;
            } catch (canbao.hub.HubTls.Unusable e) {
                err.println(e.getMessage());
                return EXIT_USAGE;
            }
        }
        Options options = Options.parse(args, 1, Set.of("port", "db", "host", "max-batch-bytes", "policy-dir",
                "tls-cert", "tls-key", "tls-keystore", "tls-passphrase-file", "key-file", "db-password-file"));
        if (options.get("port") == null) {
            throw new IllegalArgumentException("hub --port P [--db JDBC_URL] [--tls-cert F --tls-key F | --tls-keystore F]");
        }
        Optional<String> db = hubDatabase(options, err);
        if (db.isEmpty()) {
            return EXIT_USAGE;
        }
        org.eclipse.jetty.util.ssl.SslContextFactory.Server tls;
        try {
            tls = hubTls(options);
        } catch (canbao.hub.HubTls.Unusable e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        }
        long limit = options.get("max-batch-bytes") == null ? HubServer.DEFAULT_MAX_BATCH_BYTES
                : Long.parseLong(options.get("max-batch-bytes"));
        PolicyShelf shelf = PolicyShelf.load(options.get("policy-dir") == null ? null : Path.of(options.get("policy-dir")));
        try (Hub hub = openHub(options, db.get(), shelf);
             HubServer server = new HubServer(hub, options.get("host") == null ? "0.0.0.0" : options.get("host"),
                     Integer.parseInt(options.get("port")), limit, java.util.function.UnaryOperator.identity(), tls)
                     .stopOnSignal().start()) {
            err.println(tls == null ? Localization.format(LOCALE, "hub.listening", server.port())
                    : Localization.format(LOCALE, "hub.listening.tls", server.port(),
                    canbao.sync.HubTrust.fingerprint(canbao.hub.HubTls.servedCertificate(tls))));
            server.join();
        }
        return 0;
    }

    /**
     * The hub's database: {@code --db}, else {@code CANBAO_HUB_DB} — the environment keeps a PostgreSQL
     * password out of the process list.
     */
    private static Optional<String> hubDatabase(Options options, PrintStream err) {
        String db = options.get("db") != null ? options.get("db") : System.getenv("CANBAO_HUB_DB");
        if (db == null || db.isBlank()) {
            err.println(Localization.text(LOCALE, "hub.db.missing"));
            return Optional.empty();
        }
        return Optional.of(db.strip());
    }

    /**
     * HTTPS from {@code --tls-cert} + {@code --tls-key} (PEM) or {@code --tls-keystore} (PKCS#12, its
     * passphrase from CANBAO_HUB_TLS_PASSPHRASE or --tls-passphrase-file, never the command line); null
     * for plain HTTP.
     */
    private static org.eclipse.jetty.util.ssl.SslContextFactory.Server hubTls(Options options)
            throws canbao.hub.HubTls.Unusable, java.io.IOException {
        boolean pem = options.get("tls-cert") != null || options.get("tls-key") != null;
        boolean store = options.get("tls-keystore") != null;
        if (pem && store || pem && (options.get("tls-cert") == null || options.get("tls-key") == null)) {
            throw new canbao.hub.HubTls.Unusable(Localization.text(LOCALE, "hub.tls.certificateAndKey"));
        }
        if (pem) {
            return canbao.hub.HubTls.fromPem(Path.of(options.get("tls-cert")), Path.of(options.get("tls-key")));
        }
        if (!store) {
            return null;
        }
        String passphrase = options.get("tls-passphrase-file") != null
                ? java.nio.file.Files.readString(Path.of(options.get("tls-passphrase-file"))).strip()
                : System.getenv("CANBAO_HUB_TLS_PASSPHRASE");
        if (passphrase == null) {
            throw new canbao.hub.HubTls.Unusable(Localization.text(LOCALE, "hub.tls.passphraseMissing"));
        }
        return canbao.hub.HubTls.fromPkcs12(Path.of(options.get("tls-keystore")), passphrase.toCharArray());
    }

    /**
     * {@code hub token revoke [--db URL] --device NAME | --operator NAME}: the token stops working at
     * once; its holder is told to ask the county for a new one ({@code hub token} issues it).
     */
    private static int hubTokenRevoke(Options options, PrintStream err) throws java.io.IOException {
        String device = options.get("device");
        String operator = options.get("operator");
        if ((device == null) == (operator == null)) {
            throw new IllegalArgumentException("hub token revoke [--db JDBC_URL] --device NAME | --operator NAME");
        }
        Optional<String> db = hubDatabase(options, err);
        if (db.isEmpty()) {
            return EXIT_USAGE;
        }
        String name = device != null ? device : operator;
        try (Hub hub = openHub(options, db.get(), PolicyShelf.load(null))) {
            boolean known = device != null ? hub.revokeDevice(device) : hub.revokeOperator(operator);
            err.println(Localization.format(LOCALE, known ? "hub.token.revokedDone" : "hub.token.noSuch", name));
            return known ? 0 : 1;
        }
    }

    /**
     * Opens the hub's database for any {@code hub} command. A database password never goes on the
     * command line (the process list shows it): a {@code --db} URL carrying one is refused; it comes from
     * CANBAO_HUB_DB_PASSWORD, {@code --db-password-file}, or a URL in CANBAO_HUB_DB. A hub not on a SQLite
     * file keeps its signing key in {@code --key-file} (a SQLite hub's is beside its file unless given).
     */
    private static Hub openHub(Options options, String db, PolicyShelf shelf) throws java.io.IOException {
        if (options.get("db") != null && options.get("db").toLowerCase(Locale.ROOT).contains("password=")) {
            throw new UsageRefused(Localization.text(LOCALE, "hub.passwordOnCommandLine"));
        }
        if (!db.startsWith("jdbc:sqlite:") && options.get("key-file") == null) {
            throw new UsageRefused(Localization.text(LOCALE, "hub.keyFileNeeded"));
        }
        return Hub.open(db, hubDatabasePassword(options), Clock.systemUTC(), shelf, hubKeyFile(options));
    }

    /** A {@code hub} command refused before it started: its message, exit 64. */
    static final class UsageRefused extends RuntimeException {
        UsageRefused(String message) {
            super(message);
        }
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

    /**
     * The counter's tables (built in, plus the data folder's that verify against the pinned county key);
     * a file left out is said on stderr, once per command, and the command goes on without it.
     */
    private static PolicyLibrary counterPolicies(Path folder, Database database, PrintStream err) {
        PolicyLibrary.Checked checked = CounterPolicies.load(folder, database);
        checked.refused().forEach(refused -> err.println(Localization.format(LOCALE, "policy.folder.refused",
                refused.getMessage())));
        return checked.library();
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
