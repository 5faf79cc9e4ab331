package canbao.app;

import canbao.model.Operator;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTableException;
import canbao.policy.QuoteEngine;
import canbao.report.CoverageReport;
import canbao.report.RenewalWorklist;
import canbao.report.RosterImport;
import canbao.store.CounterPolicies;
import canbao.store.CoverageStore;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.service.NewbornWorklist;
import canbao.service.RenewalService;
import canbao.store.RenewalStore;
import canbao.store.RosterStore;
import canbao.account.Session;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * The composition root of a signed-in counter, for the window and every command alike: the policy
 * tables (built in, the data folder's downloaded ones that verify against the pinned county key, and a
 * {@code --policy-dir} where a command takes one), the quote engine and the services over the store.
 * A command that "runs the same checks as the screen" runs these very objects. Closing it closes the
 * session (the data's key leaves memory).
 */
public final class CounterServices implements AutoCloseable {

    private final Session session;
    private final Path dataFolder;
    private final Clock clock;
    private final Locale locale;
    private final PolicyLibrary policies;
    private final List<PolicyTableException> refusedTables;
    private final QuoteEngine engine;
    private final HouseholdService households;
    private final RenewalService renewals;
    private final RenewalWorklist renewalWorklist;
    private final NewbornWorklist newbornWorklist;

    private CounterServices(Session session, Path dataFolder, Path policyDirectory, Clock clock, Locale locale) {
        this.session = session;
        this.dataFolder = dataFolder;
        this.clock = clock;
        this.locale = locale;
        PolicyLibrary.Checked checked = CounterPolicies.load(dataFolder, session.database());
        this.policies = policyDirectory == null ? checked.library() : checked.library().withDirectory(policyDirectory);
        this.refusedTables = checked.refused();
        this.engine = new QuoteEngine(locale);
        this.households = new HouseholdService(session.database(), policies, engine, clock);
        // one of each for every screen and command that needs it
        this.renewals = new RenewalService(session.database(), households, policies, clock);
        this.renewalWorklist = new RenewalWorklist(new RenewalStore(session.database()), policies, engine, clock, locale);
        this.newbornWorklist = new NewbornWorklist(session.database(), policies, clock);
    }

    /**
     * The services of a signed-in session on {@code dataFolder}.
     *
     * @param policyDirectory a folder of (unsigned) tables the operator names on the command line, or null
     */
    public static CounterServices open(Session session, Path dataFolder, Path policyDirectory, Clock clock,
                                       Locale locale) {
        return new CounterServices(session, dataFolder, policyDirectory, clock, locale);
    }

    /** The tables of a command that opens no data ({@code quote}): built in, plus {@code policyDirectory} if given. */
    public static PolicyLibrary tablesWithoutData(Path policyDirectory) {
        PolicyLibrary builtIn = PolicyLibrary.builtIn();
        return policyDirectory == null ? builtIn : builtIn.withDirectory(policyDirectory);
    }

    public Session session() {
        return session;
    }

    public Database database() {
        return session.database();
    }

    public Operator operator() {
        return session.operator();
    }

    public Path dataFolder() {
        return dataFolder;
    }

    public Clock clock() {
        return clock;
    }

    public Locale locale() {
        return locale;
    }

    public PolicyLibrary policies() {
        return policies;
    }

    /** The data folder's table files left out (not signed by the pinned key, damaged…), each with why. */
    public List<PolicyTableException> refusedTables() {
        return refusedTables;
    }

    public QuoteEngine engine() {
        return engine;
    }

    /** The one household service: the screen's saves and {@code enroll}'s lines go through it. */
    public HouseholdService households() {
        return households;
    }

    /** The workplace as saved at first run, its operator the one signed in. */
    public Workplace workplace() {
        Workplace saved = new WorkplaceSettings(database()).load().orElseThrow();
        return new Workplace(saved.township(), saved.county(), operator().login());
    }

    public RenewalService renewals() {
        return renewals;
    }

    public RenewalWorklist renewalWorklist() {
        return renewalWorklist;
    }

    public RosterImport rosterImport() {
        return new RosterImport(new RosterStore(database(), clock), policies, clock);
    }

    public CoverageReport coverageReport() {
        return new CoverageReport(new CoverageStore(database()), policies);
    }

    public NewbornWorklist newbornWorklist() {
        return newbornWorklist;
    }

    /** 征缴进度 as of the counter's day. */
    public canbao.report.SeasonDashboard seasonDashboard() {
        return seasonDashboard(clock);
    }

    /** 征缴进度 as of another day ({@code report season --date}). */
    public canbao.report.SeasonDashboard seasonDashboard(Clock asOf) {
        return new canbao.report.SeasonDashboard(new canbao.store.SeasonStore(database()),
                new canbao.store.CoverageStore(database()), asOf);
    }

    @Override
    public void close() {
        session.close();
    }
}
