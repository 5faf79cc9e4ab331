package canbao.gui;

import canbao.app.CounterServices;
import canbao.gui.common.DialogService;
import canbao.gui.common.FxDialogService;
import canbao.gui.common.FxTaskExecutor;
import canbao.gui.common.MemberFormView;
import canbao.gui.enroll.HouseholdEnrollmentView;
import canbao.gui.enroll.HouseholdEnrollmentViewModel;
import canbao.gui.main.MainWindowView;
import canbao.gui.newborn.NewbornRegistrationView;
import canbao.gui.newborn.NewbornRegistrationViewModel;
import canbao.gui.main.MainWindowViewModel;
import canbao.gui.quote.QuickQuoteView;
import canbao.gui.quote.QuickQuoteViewModel;
import canbao.gui.setup.SetupView;
import canbao.gui.accounts.AccountsView;
import canbao.gui.accounts.AccountsViewModel;
import canbao.gui.accounts.ChangePasswordView;
import canbao.gui.accounts.ChangePasswordViewModel;
import canbao.gui.signin.SignInView;
import canbao.gui.signin.SignInViewModel;
import canbao.model.Operator;
import canbao.account.Session;
import canbao.account.SignIn;
import canbao.gui.report.ReportView;
import canbao.gui.report.ReportViewModel;
import canbao.report.Bulletins;
import canbao.store.ShiftStore;
import canbao.report.Printing;
import canbao.report.Printouts;
import canbao.report.SystemPrinting;
import canbao.gui.upload.UploadView;
import canbao.gui.upload.UploadViewModel;
import canbao.sync.UploadService;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import canbao.gui.setup.SetupViewModel;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.KnownHistory;
import canbao.policy.QuoteEngine;
import canbao.store.CounterPolicies;
import canbao.store.DataFolder;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.OutboxQueue;
import canbao.store.PersonSearch;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The composition root: opens the data folder ({@code --data DIR}, else CANBAO_DATA, else
 * ~/.canbao), asks the first-run questions when the folder is new, builds the services once and hands
 * them to the screens through the FXML controller factory.
 */
public class CanbaoApp extends Application {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CanbaoApp.class);

    private final Locale locale = Localization.CHINESE;
    /** The counter's today: the system clock, or {@code --today yyyy-MM-dd} for training and tests. */
    private Clock clock = Clock.systemDefaultZone();
    private final ResourceBundle bundle = Localization.bundle(locale);
    private Path folder;
    private Session session;
    private SignInViewModel signInViewModel;
    private Database database;
    private PersonSearch search;
    private FxTaskExecutor tasks;
    private UploadService uploads;
    private Stage stage;
    private final Ports ports;
    private final List<String> arguments;

    /**
     * What the window asks of the operating system: dialogs over the window (questions, where to save
     * a file) and the printers. Tests put their own in place (a machine without printers, a chosen file).
     */
    public record Ports(java.util.function.Function<Supplier<javafx.stage.Window>, DialogService> dialogs,
                        Printing printing) {

        public static Ports system() {
            return new Ports(FxDialogService::new, SystemPrinting.system());
        }
    }

    public CanbaoApp() {
        this(Ports.system(), null);
    }

    /** @param arguments the command line, when the application is not launched by JavaFX with one */
    public CanbaoApp(Ports ports, List<String> arguments) {
        this.ports = ports;
        this.arguments = arguments;
    }

    private List<String> arguments() {
        return arguments != null ? arguments : getParameters().getRaw();
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        String today = option(arguments(), "--today");
        if (today != null) {
            // the day moves, the hour still ticks: lockouts and timestamps keep working
            clock = Clock.offset(clock, Duration.between(java.time.LocalDate.now(clock).atStartOfDay(),
                    java.time.LocalDate.parse(today).atStartOfDay()));
        }
        folder = DataFolder.resolve(option(arguments(), "--data"), System.getenv(),
                System.getProperty("user.home"));
        canbao.app.CounterLog.toFolder(folder);
        Thread.setDefaultUncaughtExceptionHandler((thread, thrown) -> LOG.error("uncaught on thread {}",
                thread.getName(), canbao.model.Unreported.of(thrown)));
        LOG.info("started on data folder {}", folder.toAbsolutePath());
        tasks = new FxTaskExecutor();
        stage.setTitle(Localization.text(locale, "app.title"));
        // nothing of the data is opened here: the operator's password is its key (README "Operator accounts")
        SignIn signIn = new SignIn(folder, clock);
        if (signIn.firstRun()) {
            showSetup(signIn);
        } else {
            showSignIn(signIn);
        }
        if (arguments().contains("--startup-probe")) {
            probeStartup();
        }
        stage.show();
    }

    private void showSetup(SignIn signIn) {
        SetupViewModel viewModel = new SetupViewModel(signIn, tasks, locale, this::showMain);
        stage.setScene(new Scene(load("Setup", Map.of(SetupView.class, () -> new SetupView(viewModel))), 640, 520));
    }

    private void showSignIn(SignIn signIn) {
        SignInViewModel viewModel = new SignInViewModel(signIn, tasks, locale, clock.getZone(), this::showMain);
        signInViewModel = viewModel;
        Scene scene = new Scene(load("SignIn", Map.of(SignInView.class, () -> new SignInView(viewModel))), 640, 400);
        // the warm-up starts with the first frame, not before: it would compete with drawing it
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                viewModel.prepare();
            }
        });
        stage.setScene(scene);
    }

    /** Everything after sign-in works as this operator: every write carries his login. */
    private void showMain(Session session) {
        this.session = session;
        LOG.info("{} signed in as {}", session.operator().login(), session.operator().role());
        // the same root as every command's: tables (built in + the data folder's signed ones), services
        CounterServices services = CounterServices.open(session, folder, null, clock, locale);
        database = services.database();
        search = new PersonSearch(database);
        Operator operator = services.operator();
        Workplace workplace = services.workplace();
        PolicyLibrary policies = services.policies();
        QuoteEngine engine = services.engine();
        HouseholdService households = services.households();
        // only the enrolment screen is built now; the others on first opening of their tab (startup time)
        Map<String, Supplier<Node>> screens = new HashMap<>();
        QuickQuoteViewModel quote = new QuickQuoteViewModel(policies, engine, clock, locale);
        screens.put("quote", () -> load("QuickQuote", Map.of(QuickQuoteView.class,
                () -> new QuickQuoteView(quote, locale), MemberFormView.class, MemberFormView::new)));
        MainWindowViewModel main = new MainWindowViewModel(policies, workplace, operator, folder, locale,
                java.time.LocalDate.now(clock), this::signOut);
        HouseholdEnrollmentViewModel enroll = new HouseholdEnrollmentViewModel(households, search, policies, engine,
                tasks, clock, operator.login(), locale,
                new Printouts(policies, workplace.township(), operator.name(), locale),
                (idNumber, certificate, year) -> coverage(households, idNumber, certificate, year),
                ports.printing());
        enroll.useDialogs(ports.dialogs().apply(() -> stage));
        enroll.allowCancelling(operator.role().cancelsEnrollments());
        // 按上年续保 on 家庭参保登记 (issue 15): the 续保 screen's worklist and service, not a second copy
        enroll.useRenewals(services.renewalWorklist(), services.renewals());
        screens.put("enroll", () -> load("HouseholdEnrollment",
                Map.of(HouseholdEnrollmentView.class, () -> new HouseholdEnrollmentView(enroll, locale),
                        MemberFormView.class, MemberFormView::new)));
        NewbornRegistrationViewModel newborn = new NewbornRegistrationViewModel(households, search,
                services.newbornWorklist(), policies, engine, tasks, clock, operator.login(),
                locale);
        screens.put("newborn", () -> load("NewbornRegistration",
                Map.of(NewbornRegistrationView.class, () -> new NewbornRegistrationView(newborn, locale))));
        screens.put("renewals", () -> renewalsScreen(services, workplace, operator));
        if (operator.role().importsAndReports()) {
            ReportViewModel report = new ReportViewModel(services.rosterImport(), services.coverageReport(),
                    services.newbornWorklist(), new Bulletins(workplace.township(), locale),
                    new ShiftStore(database), services.seasonDashboard(), policies, tasks, clock, operator.login(),
                    locale);
            screens.put("report", () -> load("Report", Map.of(ReportView.class, () -> new ReportView(report))));
        }
        screens.put("password", () -> load("ChangePassword", Map.of(ChangePasswordView.class,
                () -> new ChangePasswordView(new ChangePasswordViewModel(session.accounts(clock), operator, tasks,
                        locale)))));
        if (operator.role().managesAccounts()) {
            AccountsViewModel accounts = new AccountsViewModel(session.accounts(clock), operator, tasks, locale,
                    clock.getZone());
            screens.put("accounts", () -> load("Accounts", Map.of(AccountsView.class, () -> new AccountsView(accounts))));
        }
        if (operator.role().authorsPolicyTables()) {
            canbao.gui.policy.PolicyEditorViewModel policy = new canbao.gui.policy.PolicyEditorViewModel(policies,
                    engine, clock, operator.name(), locale);
            policy.useDialogs(ports.dialogs().apply(() -> stage));
            screens.put("policy", () -> load("PolicyEditor", Map.of(canbao.gui.policy.PolicyEditorView.class,
                    () -> new canbao.gui.policy.PolicyEditorView(policy))));
        }
        // issue 18: one card reader for the screens that take a card; --reader beats the stored setting
        WorkplaceSettings readerSettings = new WorkplaceSettings(database);
        cardReader = cardReader(readerSettings);
        enroll.useCardReader(cardReader, new canbao.store.CardNotes(database));
        newborn.useCardReader(cardReader);
        quote.useCardReader(cardReader, tasks, clock);
        canbao.gui.reader.ReaderSettingsViewModel readerScreen = new canbao.gui.reader.ReaderSettingsViewModel(
                cardReader, readerSettings, tasks, operator.login(), operator.role(), locale);
        screens.put("reader", () -> load("ReaderSettings", Map.of(canbao.gui.reader.ReaderSettingsView.class,
                () -> new canbao.gui.reader.ReaderSettingsView(readerScreen))));
        UploadViewModel upload = uploadScreen(workplace, main, enroll);
        upload.folderRefused(services.refusedTables().stream().map(RuntimeException::getMessage).toList());
        screens.put("upload", () -> load("Upload", Map.of(UploadView.class, () -> new UploadView(upload))));
        main.uploadTitleProperty().bind(upload.tabTitleProperty());
        upload.refresh(); // the tab's title says what is left to send before the tab is ever opened
        Parent root = load("MainWindow", Map.of(MainWindowView.class, () -> new MainWindowView(main, screens)));
        stage.setTitle(main.titleProperty().get());
        stage.setScene(new Scene(root, 1280, 800));
        // a counter screen is often 1366×768: the window fills it rather than running past its edge
        stage.setMaximized(true);
        stage.setOnCloseRequest(event -> {
            if (!mayQuit()) {
                event.consume();
            }
        });
    }

    /**
     * 上传, and the background upload behind it: every {@code --background-upload-every} seconds
     * (default 60) it uploads what is pending if the hub answers, with no dialog and no focus change.
     */
    private UploadViewModel uploadScreen(Workplace workplace, MainWindowViewModel main,
                                         HouseholdEnrollmentViewModel enroll) {
        WorkplaceSettings settings = new WorkplaceSettings(database);
        OutboxQueue outbox = new OutboxQueue(database, workplace, settings.deviceId().orElseThrow(), Clock.systemUTC());
        uploads = new UploadService(outbox, () -> endpoint(settings), Clock.systemUTC(),
                wait -> Thread.sleep(wait.toMillis()), UPLOAD_BATCH, Duration.ofSeconds(30),
                folder.resolve(CounterPolicies.FOLDER), settings::countyKey);
        UploadViewModel viewModel = new UploadViewModel(uploads, outbox, settings, tasks, clock, locale,
                session.operator().role().managesAccounts(), session.operator().login(), household -> {
            enroll.openHousehold(household);
            main.show("enroll");
        });
        String every = option(arguments(), "--background-upload-every");
        Duration period = Duration.ofSeconds(every == null ? 60 : Long.parseLong(every));
        uploads.startBackground(period, period, Duration.ofMinutes(2), viewModel::backgroundRound);
        return viewModel;
    }

    /** 续保 (issue 15): the worklist, 按上年续保 through the same HouseholdService, marks and reminders. */
    private Node renewalsScreen(CounterServices services, Workplace workplace, Operator operator) {
        canbao.store.RenewalStore store = new canbao.store.RenewalStore(database);
        canbao.gui.renewal.RenewalsViewModel viewModel = new canbao.gui.renewal.RenewalsViewModel(
                services.renewalWorklist(), services.renewals(), new canbao.service.PersonMarks(database, clock),
                new canbao.report.Reminders(services.policies(), workplace.township(), locale), store::villages, tasks,
                clock, operator.login(), locale);
        return load("Renewals", Map.of(canbao.gui.renewal.RenewalsView.class,
                () -> new canbao.gui.renewal.RenewalsView(viewModel, locale)));
    }

    /**
     * A person's coverage history as the counter can know it now: its own store, then the county hub
     * when one is configured and answers (else the history says the hub was offline).
     */
    private KnownHistory coverage(HouseholdService households, String idNumber, String certificate, int year) {
        KnownHistory known = households.knownHistory(idNumber, certificate, year);
        try {
            Optional<java.util.SortedSet<Integer>> hub = uploads == null ? Optional.empty()
                    : uploads.coveredYears(idNumber, certificate);
            // the hub answers every year it holds; the years before the quoted one are its history
            return hub.map(years -> known.withHub(new java.util.TreeSet<>(years.headSet(year)))).orElse(known);
        } catch (IOException e) {
            return known.withHub(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return known.withHub(null);
        }
    }

    /** Records per upload batch: small enough that a weak village link shows progress and loses little on a drop. */
    private static final int UPLOAD_BATCH = 100;

    private static Optional<UploadService.Endpoint> endpoint(WorkplaceSettings settings) {
        Optional<String> url = settings.hubUrl();
        Optional<String> token = settings.hubToken();
        return url.isPresent() && token.isPresent()
                ? Optional.of(new UploadService.Endpoint(URI.create(url.get()), token.get(), settings.hubTrust()))
                : Optional.empty();
    }

    /**
     * {@code --startup-probe}: once the first frame of a screen is drawn, prints the time since the JVM
     * started (the process start as the JVM knows it) — the startup figure of README — and quits. On the
     * sign-in screen, when CANBAO_USER and CANBAO_PASSWORD are set (as for the headless commands), it
     * signs in with them and also reports the main window's first frame, and how long sign-in took.
     */
    private void probeStartup() {
        stage.sceneProperty().addListener((o, old, scene) -> probe(scene));
        stage.setOnShown(shown -> probe(stage.getScene()));
    }

    private long signInStarted;
    private static final javafx.util.Duration PROBE_TYPING = javafx.util.Duration.seconds(3);

    private void probe(Scene scene) {
        scene.addPostLayoutPulseListener(new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                long now = System.currentTimeMillis();
                long millis = now - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
                String screen = scene.getRoot().getId() == null ? "setup" : scene.getRoot().getId();
                String user = System.getenv("CANBAO_USER");
                String password = System.getenv("CANBAO_PASSWORD");
                if (screen.equals("signIn") && signInViewModel != null && user != null && password != null
                        && signInStarted == 0) {
                    System.out.println("startup-probe: signIn shown " + millis + " ms after JVM start");
                    // an operator takes a few seconds to type a login and password; the probe waits as long
                    javafx.animation.PauseTransition typing = new javafx.animation.PauseTransition(PROBE_TYPING);
                    typing.setOnFinished(typed -> {
                        signInStarted = System.currentTimeMillis();
                        signInViewModel.loginProperty().set(user);
                        signInViewModel.passwordProperty().set(password);
                        signInViewModel.signIn();
                    });
                    typing.play();
                    signInStarted = -1;
                    return;
                }
                System.out.println("startup-probe: " + screen + " shown " + millis + " ms after JVM start"
                        + (signInStarted <= 0 ? "" : "; " + (now - signInStarted) + " ms after sign-in was asked, "
                        + (long) PROBE_TYPING.toMillis() + " ms after the sign-in screen showed"));
                javafx.application.Platform.exit();
            }
        });
    }

    /** Loads one screen's FXML from {@code fxml/}, making its controller with the given constructor. */
    private Parent load(String name, Map<Class<?>, Supplier<Object>> controllers) {
        FXMLLoader loader = new FXMLLoader(CanbaoApp.class.getResource("/fxml/" + name + ".fxml"), bundle);
        loader.setControllerFactory(type -> {
            Supplier<Object> controller = controllers.get(type);
            if (controller == null) {
                throw new IllegalArgumentException("no controller for " + type);
            }
            return controller.get();
        });
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closing the window with records not uploaded: the operator is told how many and may stay (the
     * records are safe in the data folder either way; a cadre usually wants to upload first).
     */
    private boolean mayQuit() {
        long pending = uploads == null ? 0 : uploads.pendingCount();
        if (pending == 0) {
            return true;
        }
        return ports.dialogs().apply(() -> stage).confirm(Localization.text(locale, "app.quit.title"),
                Localization.format(locale, "app.quit.pending", pending), Localization.text(locale, "app.quit.yes"),
                Localization.text(locale, "app.quit.no"));
    }

    /** 退出登录: the session closes (its key leaves memory) and the window shows 登录 for the next operator. */
    private void signOut() {
        LOG.info("signed out");
        closeSession();
        stage.setMaximized(false);
        showSignIn(new SignIn(folder, clock));
    }

    /**
     * The reader {@code --reader auto|termb|sdtapi|none|simulated:FILE} names, else the administrator's
     * setting; a vendor's library is looked for in the data folder's {@code reader/} folder and the
     * system's library folders.
     */
    private canbao.device.CounterCardReader cardReader(WorkplaceSettings settings) {
        String given = option(arguments(), "--reader");
        canbao.device.ReaderChoice choice = given != null ? canbao.device.ReaderChoice.parse(given) : settings.reader();
        return new canbao.device.CounterCardReader(choice, List.of(folder.resolve("reader")));
    }

    private canbao.device.CounterCardReader cardReader;

    private void closeSession() {
        if (cardReader != null) {
            cardReader.close();
            cardReader = null;
        }
        if (uploads != null) {
            uploads.close();
            uploads = null;
        }
        if (search != null) {
            search.close();
            search = null;
        }
        if (session != null) {
            session.close();
            session = null;
        }
    }

    @Override
    public void stop() {
        closeSession();
        if (tasks != null) {
            tasks.close();
        }
        canbao.app.CounterLog.stop();
    }

    static String option(List<String> args, String name) {
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals(name)) {
                return args.get(i + 1);
            }
        }
        return null;
    }
}
