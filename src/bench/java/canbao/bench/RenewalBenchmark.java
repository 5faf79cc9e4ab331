package canbao.bench;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.policy.ResidentId;
import canbao.report.RenewalWorklist;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.service.RenewalService;
import canbao.store.RenewalStore;
import canbao.account.Session;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * {@code canbao bench renewals [--data DIR] [--persons N] [--rounds R]}: the 续保 worklist of a township
 * (default 30,000 persons in households of four, 90 % enrolled last year, 10 % with 低保, 5 % renewed
 * already) through {@link RenewalWorklist} against its SELECTs (RenewalStore.STATEMENTS) run directly through sqlite-jdbc on
 * an open connection (statements prepared once, every column read), interleaved round by round; then
 * renewing a household of four through {@link RenewalService} (the enrolment's checks, guard, quotes,
 * outbox and audit) against inserting the same four enrolment rows raw, each in one transaction.
 * The day is 2025-11-20, the year 2026.
 */
final class RenewalBenchmark {

    private static final LocalDate TODAY = LocalDate.of(2025, 11, 20);
    private static final int YEAR = 2026;

    private final PrintStream out;

    RenewalBenchmark(PrintStream out) {
        this.out = out;
    }

    int run(Path folder, int persons, int rounds) throws Exception {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Clock clock = Clock.fixed(TODAY.atTime(10, 0).atZone(zone).toInstant(), zone);
        try (Session session = StoreBenchmark.signIn(folder)) {
            Database database = session.database();
            long have = database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM person")
                    .mapTo(Long.class).one());
            if (have == 0) {
                long start = System.nanoTime();
                fill(database, session, persons);
                out.printf("filled %s: %,d persons in %,d households in %.1f s%n", database.file(), persons,
                        persons / 4, (System.nanoTime() - start) / 1e9);
            } else {
                out.printf("reusing %s: %,d persons%n", database.file(), have);
            }
            PolicyLibrary policies = PolicyLibrary.builtIn();
            QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
            RenewalWorklist worklist = new RenewalWorklist(new RenewalStore(database), policies, engine, clock,
                    Localization.CHINESE);
            try (Connection raw = Database.connect(database.file(), session.key())) {
                try (java.sql.Statement pragma = raw.createStatement()) {
                    pragma.execute("PRAGMA cache_size = -65536");
                }
                worklistRounds(worklist, raw, rounds);
                HouseholdService households = new HouseholdService(database, policies, engine, clock);
                renewals(database, new RenewalService(database, households, policies, clock), raw, rounds * 4);
            }
        }
        return 0;
    }

    private void worklistRounds(RenewalWorklist worklist, Connection raw, int rounds) throws SQLException {
        List<PreparedStatement> statements = new ArrayList<>();
        for (String sql : RenewalStore.STATEMENTS) {
            statements.add(raw.prepareStatement(township(sql)));
        }
        explain(raw, statements.size());
        double[] api = new double[rounds];
        double[] direct = new double[rounds];
        double[] full = new double[rounds];
        long listed = 0;
        for (int round = -2; round < rounds; round++) {
            // alternate which goes first so neither always finds the pages warm; two warm-up rounds
            boolean apiFirst = (round & 1) == 0;
            double d = apiFirst ? 0 : timeRaw(statements);
            long start = System.nanoTime();
            RenewalWorklist.Worklist opened = open(worklist);
            double a = (System.nanoTime() - start) / 1e6;
            double all = a + quoteTheRest(opened);
            listed = opened.households().stream().mapToLong(h -> h.members().size()).sum();
            if (apiFirst) {
                d = timeRaw(statements);
            }
            if (round >= 0) {
                api[round] = a;
                direct[round] = d;
                full[round] = all;
            }
        }
        for (PreparedStatement statement : statements) {
            statement.close();
        }
        out.printf("worklist for %d, whole township (%,d persons listed), %d rounds (ms):%n", YEAR, listed, rounds);
        out.printf("  api  p50 %7.1f  p95 %7.1f  min %7.1f  max %7.1f   (opened: counts, every household in order,"
                + " the first %d quoted)%n", StoreBenchmark.percentile(api, 50), StoreBenchmark.percentile(api, 95),
                min(api), max(api), IN_SIGHT);
        out.printf("  all  p50 %7.1f  p95 %7.1f  min %7.1f  max %7.1f   (every person quoted, as report renewals)%n",
                StoreBenchmark.percentile(full, 50), StoreBenchmark.percentile(full, 95),
                min(full), max(full));
        out.printf("  raw  p50 %7.1f  p95 %7.1f  min %7.1f  max %7.1f   (the same SELECTs, every column read)%n",
                StoreBenchmark.percentile(direct, 50), StoreBenchmark.percentile(direct, 95), min(direct),
                max(direct));
        out.printf("  ratio p50 %.1f  p95 %.1f%n", StoreBenchmark.percentile(api, 50)
                / StoreBenchmark.percentile(direct, 50), StoreBenchmark.percentile(api, 95)
                / StoreBenchmark.percentile(direct, 95));
    }

    /** Households the screen shows at once at 1366×768 is about 15; the first 50 are quoted in the figure. */
    private static final int IN_SIGHT = 50;

    /** What opening the 续保 screen costs: the worklist, and the totals of the households in sight. */
    private static RenewalWorklist.Worklist open(RenewalWorklist worklist) {
        RenewalWorklist.Worklist list = worklist.compute(YEAR, null);
        List<RenewalWorklist.Household> households = list.households();
        for (int i = 0; i < Math.min(IN_SIGHT, households.size()); i++) {
            if (households.get(i).total() == null) {
                throw new IllegalStateException();
            }
        }
        return list;
    }

    /** Quotes every member not quoted yet; the milliseconds it took. */
    private static double quoteTheRest(RenewalWorklist.Worklist list) {
        long start = System.nanoTime();
        for (RenewalWorklist.Household household : list.households()) {
            for (RenewalWorklist.Member member : household.members()) {
                member.quote();
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static final List<String> NAMES = List.of("HOUSEHOLDS", "PERSONS", "ENROLMENTS", "CATEGORIES",
            "COVERED_YEARS", "DECLARED_YEARS", "MARKS");

    /** The township's statement with its parameters written in. */
    private static String township(String statement) {
        return RenewalStore.Scope.TOWNSHIP.sql(statement).replace(":previous", String.valueOf(YEAR - 1))
                .replace(":year", String.valueOf(YEAR)).replace(":lastDay", "'" + YEAR + "-12-31'");
    }

    /** Each SELECT's plan and its time once, so a slow one is named (EXPLAIN QUERY PLAN, README 续保 bench). */
    private void explain(Connection raw, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            String sql = township(RenewalStore.STATEMENTS.get(i));
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = raw.createStatement().executeQuery("EXPLAIN QUERY PLAN " + sql)) {
                while (rs.next()) {
                    plan.append(plan.isEmpty() ? "" : "; ").append(rs.getString(4));
                }
            }
            try (PreparedStatement statement = raw.prepareStatement(sql)) {
                double ms = timeRaw(List.of(statement));
                out.printf("  %-15s %7.1f ms  %s%n", NAMES.get(i), ms, plan);
            }
        }
    }

    private static double timeRaw(List<PreparedStatement> statements) throws SQLException {
        long start = System.nanoTime();
        long cells = 0;
        for (PreparedStatement statement : statements) {
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        if (rs.getString(c) != null) {
                            cells++;
                        }
                    }
                }
            }
        }
        if (cells < 0) {
            throw new IllegalStateException();
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Renews households of four still to renew, alternating with raw inserts of four enrolments. */
    private void renewals(Database database, RenewalService renewals, Connection raw, int count) throws SQLException {
        List<String> numbers = database.jdbi().withHandle(h -> h.createQuery("""
                SELECT h.number FROM household h WHERE h.number LIKE 'B%' AND NOT EXISTS (
                    SELECT 1 FROM person p JOIN enrollment e ON e.person_id = p.id AND +e.policy_year = 2026
                    WHERE p.household_id = h.id) ORDER BY h.number LIMIT :n""").bind("n", count * 2)
                .mapTo(String.class).list());
        List<String[]> rawPersons = new ArrayList<>();
        // by person, not a year's whole index per person ("+")
        try (ResultSet rs = raw.createStatement().executeQuery("SELECT id FROM person p WHERE NOT EXISTS (SELECT 1 "
                + "FROM enrollment e WHERE e.person_id = p.id AND +e.policy_year = 2027) LIMIT " + (count * 4))) {
            while (rs.next()) {
                rawPersons.add(new String[] {rs.getString(1)});
            }
        }
        String snapshot = "{\"eligible\":true,\"tier\":1,\"standard\":400,\"subsidy\":0,\"payable\":400,"
                + "\"benefitStart\":\"2026-01-01\",\"rules\":[{\"cite\":\"渝医保发〔2025〕42号\",\"text\":\"2026年度一档个人缴费标准400元\"}],"
                + "\"explanation\":\"应缴400元，一档标准400元，待遇享受期2026年1月1日至2026年12月31日。\"}";
        double[] api = new double[count];
        double[] direct = new double[count];
        raw.setAutoCommit(false);
        try (PreparedStatement insert = raw.prepareStatement("""
                INSERT INTO enrollment (id, person_id, policy_year, kind, tier, payment_date, receipt_no, status,
                                        guardian_person_id, payable_fen, benefit_start, benefit_end, table_version,
                                        quote_snapshot, revision, created_at, updated_at, created_by, updated_by)
                VALUES (?, ?, 2027, 'own', 1, '2025-11-20', 'RAW', 'paid', NULL, 40000, '2026-01-01', '2026-12-31',
                        '2026.1', ?, 1, '2025-11-20T02:00:00Z', '2025-11-20T02:00:00Z', 'bench', 'bench')""")) {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                var outcome = renewals.renew(numbers.get(i), YEAR, null, "BENCH-" + i, StoreBenchmark.USER);
                api[i] = (System.nanoTime() - start) / 1e6;
                if (!outcome.saved().isValid()) {
                    throw new IllegalStateException(outcome.saved().problems().toString());
                }
                start = System.nanoTime();
                for (int m = 0; m < 4; m++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, rawPersons.get(i * 4 + m)[0]);
                    insert.setString(3, snapshot);
                    insert.executeUpdate();
                }
                raw.commit();
                direct[i] = (System.nanoTime() - start) / 1e6;
            }
        } finally {
            raw.setAutoCommit(true);
        }
        out.printf("renewing a household of four (synchronous=FULL), %d households (ms):%n", count);
        out.printf("  api  p50 %6.2f  p95 %6.2f  min %6.2f  max %6.2f   (RenewalService → HouseholdService.save)%n",
                StoreBenchmark.percentile(api, 50), StoreBenchmark.percentile(api, 95), min(api), max(api));
        out.printf("  raw  p50 %6.2f  p95 %6.2f  min %6.2f  max %6.2f   (four enrolment INSERTs, one commit)%n",
                StoreBenchmark.percentile(direct, 50), StoreBenchmark.percentile(direct, 95), min(direct),
                max(direct));
    }

    /** Households of four: 90 % enrolled for 2025 (tier 1, a quarter tier 2), 10 % with 低保, 5 % renewed. */
    private static void fill(Database database, Session session, int persons) throws SQLException {
        Random random = new Random(3);
        try (Connection c = Database.connect(database.file(), session.key())) {
            c.setAutoCommit(false);
            try (PreparedStatement household = c.prepareStatement("""
                    INSERT INTO household (id, number, village, group_name, revision, created_at, updated_at,
                                           created_by, updated_by) VALUES (?, ?, ?, ?, 1, ?, ?, 'bench', 'bench')""");
                 PreparedStatement person = c.prepareStatement("""
                    INSERT INTO person (id, household_id, name, name_initials, id_number, birth_date, sex, ethnicity,
                                        relation, revision, created_at, updated_at, created_by, updated_by)
                    VALUES (?, ?, ?, 'zs', ?, ?, ?, '汉', ?, 1, ?, ?, 'bench', 'bench')""");
                 PreparedStatement enrollment = c.prepareStatement("""
                    INSERT INTO enrollment (id, person_id, policy_year, kind, tier, payment_date, receipt_no, status,
                                            payable_fen, benefit_start, benefit_end, table_version, quote_snapshot,
                                            revision, created_at, updated_at, created_by, updated_by)
                    VALUES (?, ?, ?, 'own', ?, ?, 'R', 'paid', 40000, ?, ?, ?, '{}', 1, ?, ?, 'bench', 'bench')""");
                 PreparedStatement category = c.prepareStatement("""
                    INSERT INTO person_category (id, person_id, code, certified_by, certified_on, revision,
                                                 created_at, updated_at, created_by, updated_by)
                    VALUES (?, ?, 'DIBAO', '民政办', '2025-03-01', 1, ?, ?, 'bench', 'bench')""")) {
                String at = "2025-11-01T02:00:00Z";
                String[] relations = {"户主", "配偶", "子", "女"};
                for (int h = 0; h < persons / 4; h++) {
                    String householdId = UUID.randomUUID().toString();
                    household.setString(1, householdId);
                    household.setString(2, String.format("B%06d", h));
                    household.setString(3, "村" + (h % 12 + 1));
                    household.setString(4, (h / 12 % 15 + 1) + "组");
                    household.setString(5, at);
                    household.setString(6, at);
                    household.executeUpdate();
                    for (int m = 0; m < 4; m++) {
                        int serial = h * 4 + m;
                        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 80));
                        String first17 = "500230" + birth.toString().replace("-", "") + String.format("%03d", serial % 1000);
                        String id = first17 + ResidentId.checkCharacter(first17);
                        String personId = UUID.randomUUID().toString();
                        person.setString(1, personId);
                        person.setString(2, householdId);
                        person.setString(3, "居民" + serial);
                        person.setString(4, id + "");
                        person.setString(5, birth.toString());
                        person.setString(6, (serial % 1000) % 2 == 1 ? "MALE" : "FEMALE");
                        person.setString(7, relations[m]);
                        person.setString(8, at);
                        person.setString(9, at);
                        try {
                            person.executeUpdate();
                        } catch (SQLException duplicate) {
                            continue; // the same made-up number twice: one person fewer
                        }
                        if (random.nextInt(10) < 9) {
                            enroll(enrollment, personId, 2025, random.nextInt(4) == 0 ? 2 : 1, "2024-12-10", at);
                        }
                        if (random.nextInt(10) == 0) {
                            category.setString(1, UUID.randomUUID().toString());
                            category.setString(2, personId);
                            category.setString(3, at);
                            category.setString(4, at);
                            category.executeUpdate();
                        }
                    }
                    if (h % 20 == 0) {
                        // a household renewed already (its members were enrolled for 2026 with the 2025 ones)
                        try (PreparedStatement renewed = c.prepareStatement("""
                                INSERT INTO enrollment (id, person_id, policy_year, kind, tier, payment_date,
                                    receipt_no, status, payable_fen, benefit_start, benefit_end, table_version,
                                    quote_snapshot, revision, created_at, updated_at, created_by, updated_by)
                                SELECT lower(hex(randomblob(16))), id, 2026, 'own', 1, '2025-11-10', 'R', 'paid', 40000,
                                       '2026-01-01', '2026-12-31', '2026.1', '{}', 1, ?, ?, 'bench', 'bench'
                                FROM person WHERE household_id = ?""")) {
                            renewed.setString(1, at);
                            renewed.setString(2, at);
                            renewed.setString(3, householdId);
                            renewed.executeUpdate();
                        }
                    }
                }
            }
            c.commit();
            try (java.sql.Statement analyze = c.createStatement()) {
                analyze.execute("ANALYZE");
            }
        }
    }

    private static void enroll(PreparedStatement enrollment, String personId, int year, int tier, String paid,
                               String at) throws SQLException {
        enrollment.setString(1, UUID.randomUUID().toString());
        enrollment.setString(2, personId);
        enrollment.setInt(3, year);
        enrollment.setInt(4, tier);
        enrollment.setString(5, paid);
        enrollment.setString(6, year + "-01-01");
        enrollment.setString(7, year + "-12-31");
        enrollment.setString(8, year + ".1");
        enrollment.setString(9, at);
        enrollment.setString(10, at);
        enrollment.executeUpdate();
    }

    private static double min(double[] values) {
        return java.util.Arrays.stream(values).min().orElse(0);
    }

    private static double max(double[] values) {
        return java.util.Arrays.stream(values).max().orElse(0);
    }
}
