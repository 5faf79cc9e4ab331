package canbao.store;

import canbao.model.EnrollmentStatus;
import canbao.model.Household;
import canbao.model.MarkKind;
import canbao.model.Person;
import canbao.model.PersonCategory;
import canbao.model.PersonMark;
import canbao.model.Tier;
import canbao.policy.CategoryCurrency;
import canbao.policy.KnownHistory;
import canbao.policy.PolicyTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * What the renewal worklist (续保) reads for a policy year Y, in seven queries whatever the township's
 * size: every person of a live household born by the end of Y with last year's (Y−1) paid enrolment,
 * the live enrolment for Y, the live categories, the coverage history (the same years and the same
 * merge as a quote's, {@link HistoryDao#known}) and the mark that holds for Y.
 */
public final class RenewalStore {

    /** Last year's paid enrolment: own with its tier, or with a guardian (and the guardian's tier then). */
    public record LastYear(String kind, Tier tier, Tier guardianTier) {
    }

    /**
     * One person as the worklist needs them. Of the household only its id, number, village and group are
     * read, of the person no audit (revision, times, operators): both are {@code null} here.
     *
     * @param liveStatus the status of the live enrolment for Y (PAID or DRAFT) or null
     * @param mark the mark that holds for Y (of Y, or a permanent one of an earlier year), or null
     */
    public record Row(Household household, Person person, LastYear lastYear, EnrollmentStatus liveStatus,
                      List<PersonCategory> categories, History read, PersonMark mark) {

        /** The coverage history for Y, merged as a quote's is ({@link HistoryDao#known}), when first asked. */
        public KnownHistory history() {
            return read.merged();
        }

        /** Holds a paid enrolment (own or with a guardian) for Y: renewed or newly enrolled. */
        public boolean paid() {
            return liveStatus == EnrollmentStatus.PAID;
        }

        /** Still to renew: nothing paid for Y and no mark holding for Y. */
        public boolean toRenew() {
            return !paid() && mark == null;
        }

        /**
         * The tier a renewal takes (按上年续保): last year's own; a child covered with a guardian last year
         * takes the guardian's; a person with no enrolment last year 一档 ({@link #defaultTier}).
         */
        public Tier renewalTier() {
            if (lastYear != null && lastYear.tier() != null) {
                return lastYear.tier();
            }
            if (lastYear != null && lastYear.guardianTier() != null) {
                return lastYear.guardianTier();
            }
            return Tier.ONE;
        }

        /** Whether {@link #renewalTier} is the default for lack of a tier last year. */
        public boolean defaultTier() {
            return lastYear == null || (lastYear.tier() == null && lastYear.guardianTier() == null);
        }

        /** The categories that stand for the year {@code table} governs ({@link CategoryCurrency}). */
        public List<PersonCategory> standingCategories(PolicyTable table) {
            return categories.stream()
                    .filter(c -> CategoryCurrency.of(table, c.code(), c.certifiedOn()).stands()).toList();
        }
    }

    /**
     * The worklist reads each table once, in the order of its rows, and joins in memory: the former single
     * SELECT joining every person to its household and to three enrolments searched four indexes per person
     * (285–317 ms for a township of 30,000 run alone through sqlite-jdbc, where the persons' own columns in
     * one pass took 56–70 ms; bench renewals' store, machine shared with builds). {@code <scope>} narrows each to a village or one household;
     * the township's reads have no join at all. "+p.birth_date" keeps the planner from reading persons
     * through the birth-date index (a search per row instead of one pass).
     */
    public static final String HOUSEHOLDS = """
            SELECT h.id, h.number, h.village, h.group_name FROM household h WHERE h.deleted = 0 <scope>""";

    /** Only the columns the worklist shows or quotes with: each column read is a call into SQLite per row. */
    public static final String PERSONS = """
            SELECT p.id, p.household_id, p.name, p.id_number, p.birth_certificate_no, p.birth_date, p.sex,
                   p.ethnicity, p.relation, p.employee_insurance_ended_on, p.graduation_year
            FROM person p WHERE p.deleted = 0 AND +p.birth_date <= :lastDay <personScope>
            ORDER BY p.rowid""";

    /**
     * The enrolments of Y−1 and Y that count: paid last year (own, or with a guardian), paid or draft for Y.
     * A guardian's own enrolment of Y−1 is read with the guarded person's ({@code <enrolmentScope>}).
     */
    public static final String ENROLMENTS = """
            SELECT e.person_id, e.policy_year, e.status, e.kind, e.tier, e.guardian_person_id FROM enrollment e
            WHERE e.status <> 'cancelled' AND <enrolmentScope>""";

    public static final String CATEGORIES = """
            SELECT c.* FROM person_category c WHERE c.deleted = 0 <whose:c.person_id> ORDER BY c.person_id, c.code""";

    /** The persons' filter inside each arm of the UNION ALL (see {@link HistoryDao#counterYears}). */
    public static final String COVERED_YEARS = HistoryDao.counterYears("policy_year < :year <whose:person_id>");

    public static final String DECLARED_YEARS = """
            SELECT d.person_id, d.year, d.evidence FROM declared_coverage d
            WHERE d.deleted = 0 <whose:d.person_id> ORDER BY d.person_id, d.year""";

    public static final String MARKS = """
            SELECT m.* FROM person_mark m
            WHERE m.deleted = 0 AND (m.policy_year = :year
                  OR (m.policy_year < :year AND m.kind IN ('moved_out', 'deceased'))) <whose:m.person_id>
            ORDER BY m.person_id, m.policy_year""";

    /** Every statement the worklist runs, in its order: the benchmark runs the township's directly too. */
    public static final List<String> STATEMENTS = List.of(HOUSEHOLDS, PERSONS, ENROLMENTS, CATEGORIES, COVERED_YEARS,
            DECLARED_YEARS, MARKS);

    /**
     * Which households a read covers: the township (no condition), a village or one household. The same
     * condition narrows every statement: on the household itself, or on the persons of those households.
     */
    public record Scope(String condition, Map<String, Object> binds) {

        public static final Scope TOWNSHIP = new Scope("", Map.of());

        static Scope village(String village) {
            return new Scope("h.village = :village", Map.of("village", village.strip()));
        }

        static Scope household(String householdId) {
            return new Scope("h.id = :household", Map.of("household", householdId));
        }

        /** The statement's text for this scope. */
        public String sql(String statement) {
            String persons = "SELECT p.id FROM person p JOIN household h ON h.id = p.household_id WHERE " + condition;
            String sql = statement.replace("<scope>", condition.isEmpty() ? "" : "AND " + condition)
                    .replace("<personScope>", condition.isEmpty() ? ""
                            : "AND p.household_id IN (SELECT h.id FROM household h WHERE " + condition + ")")
                    // the township's two years by the year's index (V95, covering); a scope's by person: a person
                    // of the scope, or the guardian one was enrolled with last year ("+": not by the year's index,
                    // which would read the whole township's two years for one household)
                    .replace("<enrolmentScope>", condition.isEmpty() ? "e.policy_year IN (:previous, :year)"
                            : "+e.policy_year IN (:previous, :year) AND e.person_id IN (" + persons
                            + " UNION SELECT g.guardian_person_id FROM enrollment g WHERE g.policy_year = :previous"
                            + " AND g.status = 'paid' AND g.guardian_person_id IS NOT NULL AND g.person_id IN ("
                            + persons + "))");
            java.util.regex.Matcher whose = WHOSE.matcher(sql);
            return whose.replaceAll(m -> condition.isEmpty() ? ""
                    : java.util.regex.Matcher.quoteReplacement("AND " + m.group(1) + " IN (" + persons + ")"));
        }

        private static final java.util.regex.Pattern WHOSE = java.util.regex.Pattern.compile("<whose:([a-z_.]+)>");
    }

    private final Database database;

    public RenewalStore(Database database) {
        this.database = database;
    }

    /** Every person of the township (village null) or of one village. */
    public List<Row> rows(int year, String village) {
        return read(year, village == null ? Scope.TOWNSHIP : Scope.village(village), true);
    }

    /** The persons of one household (by its id): a few rows, read on one connection. */
    public List<Row> household(int year, String householdId) {
        return read(year, Scope.household(householdId), false);
    }

    /** The villages with persons, for a filter. */
    public List<String> villages() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT village FROM household WHERE deleted = 0 ORDER BY village").mapTo(String.class).list());
    }

    /**
     * A person's years as read, merged into a {@link KnownHistory} only when a quote asks for it: the
     * worklist quotes the households the clerk reaches, not 30,000 persons at once.
     */
    public static final class History {
        private final int year;
        private final List<Integer> counterYears;
        private final List<HistoryDao.Declared> declaredYears;
        private volatile KnownHistory merged;

        History(int year, List<Integer> counterYears, List<HistoryDao.Declared> declaredYears) {
            this.year = year;
            this.counterYears = counterYears;
            this.declaredYears = declaredYears;
        }

        KnownHistory merged() {
            KnownHistory known = merged;
            if (known == null) {
                known = HistoryDao.known(counterYears, declaredYears, year, KnownHistory.NONE);
                merged = known;
            }
            return known;
        }
    }

    /** One person's enrolment of Y−1 or Y, as far as the worklist needs it. */
    private record Enrolled(int year, EnrollmentStatus status, String kind, Tier tier, String guardianId) {
    }

    /** What is read of one person, gathered from each statement with a single look-up of the person's id. */
    private static final class Gathered {
        final Person person;
        final Household household;
        Enrolled last;
        Enrolled live;
        List<PersonCategory> categories = List.of();
        List<Integer> counterYears = List.of();
        List<HistoryDao.Declared> declaredYears = List.of();
        PersonMark mark;

        Gathered(Person person, Household household) {
            this.person = person;
            this.household = household;
        }
    }

    /** What the statements other than the persons' read, as read: matched to the persons afterwards. */
    private record Others(List<Household> households, List<Map.Entry<String, Enrolled>> enrolments,
                          List<PersonCategory> categories, List<Map.Entry<String, Integer>> counterYears,
                          List<Map.Entry<String, HistoryDao.Declared>> declaredYears, List<PersonMark> marks) {
    }

    /**
     * A second reader for a township's or a village's worklist: the persons are read on the caller's
     * connection while the other statements are read on another (the pool has four) — two cores read
     * both at once. Each statement ran in its own snapshot before too (no transaction spans them).
     */
    private static final java.util.concurrent.ExecutorService SECOND_READER =
            java.util.concurrent.Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "canbao-worklist-reader");
                thread.setDaemon(true);
                return thread;
            });

    private List<Row> read(int year, Scope scope, boolean inParallel) {
        if (!inParallel) {
            return database.jdbi().withHandle(handle -> join(persons(handle, year, scope), others(handle, year, scope),
                    year));
        }
        java.util.concurrent.CompletableFuture<Others> others = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> database.jdbi().withHandle(handle -> others(handle, year, scope)), SECOND_READER);
        // the persons' connection is given back before waiting for the other: a reader never holds one
        // connection while it waits for a second (four worklists at once cannot starve the pool of four)
        List<Person> persons = database.jdbi().withHandle(handle -> persons(handle, year, scope));
        try {
            return join(persons, others.join(), year);
        } catch (java.util.concurrent.CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private static List<Person> persons(Handle handle, int year, Scope scope) {
        return query(handle, PERSONS, year, scope).map((rs, ctx) -> {
            String sex = rs.getString(7);
            int graduation = rs.getInt(11);
            Integer graduationYear = rs.wasNull() ? null : graduation;
            return new Person(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    canbao.model.IsoText.date(rs.getString(6)), sex == null ? null : canbao.model.Sex.valueOf(sex),
                    rs.getString(8), rs.getString(9), canbao.model.IsoText.date(rs.getString(10)), graduationYear, null);
        }).list();
    }

    private static Others others(Handle handle, int year, Scope scope) {
        List<Household> households = query(handle, HOUSEHOLDS, year, scope).map((rs, ctx) -> new Household(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), null, null, null)).list();
        List<Map.Entry<String, Enrolled>> enrolments = query(handle, ENROLMENTS, year, scope).map((rs, ctx) ->
                Map.entry(rs.getString(1), new Enrolled(rs.getInt(2), EnrollmentStatus.ofCode(rs.getString(3)),
                        rs.getString(4), tier(rs.getObject(5)), rs.getString(6)))).list();
        List<PersonCategory> categories = query(handle, CATEGORIES, year, scope).map(new Rows.CategoryMapper()).list();
        List<Map.Entry<String, Integer>> counterYears = query(handle, COVERED_YEARS, year, scope)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2))).list();
        List<Map.Entry<String, HistoryDao.Declared>> declaredYears = query(handle, DECLARED_YEARS, year, scope)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new HistoryDao.Declared(rs.getInt(2), rs.getString(3))))
                .list();
        List<PersonMark> marks = query(handle, MARKS, year, scope).map((rs, ctx) -> mark(rs)).list();
        return new Others(households, enrolments, categories, counterYears, declaredYears, marks);
    }

    private static List<Row> join(List<Person> read, Others others, int year) {
        Map<String, Household> households = new HashMap<>();
        others.households().forEach(h -> households.put(h.id(), h));
        // persons in the order of their rows, as before: the worklist's order within a household
        Map<String, Gathered> persons = new java.util.LinkedHashMap<>(read.size() * 4 / 3 + 1);
        for (Person person : read) {
            Household household = households.get(person.householdId());
            if (household != null) { // else of a deleted household
                persons.put(person.id(), new Gathered(person, household));
            }
        }
        // last year's enrolments of guardians outside the scope (a child enrolled with a guardian of another
        // household): Y−1's only — the guardian's enrolment for Y (a draft, another tier) is no part of it
        Map<String, Enrolled> guardians = new HashMap<>();
        for (Map.Entry<String, Enrolled> enrolment : others.enrolments()) {
            Enrolled enrolled = enrolment.getValue();
            Gathered gathered = persons.get(enrolment.getKey());
            // at most one live enrolment a person and year (enrollment_live)
            if (gathered == null) {
                if (enrolled.year() == year - 1) {
                    guardians.put(enrolment.getKey(), enrolled);
                }
            } else if (enrolled.year() == year) {
                gathered.live = enrolled;
            } else {
                gathered.last = enrolled;
            }
        }
        for (PersonCategory category : others.categories()) {
            Gathered gathered = persons.get(category.personId());
            if (gathered != null) {
                gathered.categories = append(gathered.categories, category);
            }
        }
        for (Map.Entry<String, Integer> covered : others.counterYears()) {
            Gathered gathered = persons.get(covered.getKey());
            if (gathered != null) {
                gathered.counterYears = append(gathered.counterYears, covered.getValue());
            }
        }
        for (Map.Entry<String, HistoryDao.Declared> declared : others.declaredYears()) {
            Gathered gathered = persons.get(declared.getKey());
            if (gathered != null) {
                gathered.declaredYears = append(gathered.declaredYears, declared.getValue());
            }
        }
        for (PersonMark mark : others.marks()) {
            Gathered gathered = persons.get(mark.personId());
            if (gathered != null) {
                // ordered by year: the mark of Y itself, when there is one, wins over an earlier permanent one
                gathered.mark = mark;
            }
        }
        List<Row> rows = new ArrayList<>(persons.size());
        for (Gathered gathered : persons.values()) {
            Enrolled last = gathered.last;
            LastYear previous = null;
            if (last != null && last.status() == EnrollmentStatus.PAID) {
                Gathered guarding = last.guardianId() == null ? null : persons.get(last.guardianId());
                Enrolled guardian = guarding != null ? guarding.last
                        : last.guardianId() == null ? null : guardians.get(last.guardianId());
                previous = new LastYear(last.kind(), last.tier(),
                        guardian != null && guardian.status() == EnrollmentStatus.PAID ? guardian.tier() : null);
            }
            rows.add(new Row(gathered.household, gathered.person, previous,
                    gathered.live == null ? null : gathered.live.status(), gathered.categories,
                    new History(year, gathered.counterYears, gathered.declaredYears), gathered.mark));
        }
        return rows;
    }

    /** An unmodifiable list with one more element; most persons have none or one of each. */
    private static <T> List<T> append(List<T> list, T element) {
        if (list.isEmpty()) {
            return List.of(element);
        }
        List<T> longer = new ArrayList<>(list.size() + 1);
        longer.addAll(list);
        longer.add(element);
        return java.util.Collections.unmodifiableList(longer);
    }

    private static Query query(Handle handle, String statement, int year, Scope scope) {
        return bind(handle.createQuery(scope.sql(statement)), year, scope.binds());
    }

    private static Query bind(Query query, int year, Map<String, Object> binds) {
        // each statement uses some of the common parameters only
        query.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).setUnusedBindingAllowed(true);
        query.bind("year", year).bind("previous", year - 1).bind("lastDay", LocalDate.of(year, 12, 31).toString());
        binds.forEach(query::bind);
        return query;
    }

    private static Tier tier(Object number) {
        return number == null ? null : Tier.ofNumber(((Number) number).intValue()).orElse(null);
    }

    static PersonMark mark(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new PersonMark(rs.getString("id"), rs.getString("person_id"), rs.getInt("policy_year"),
                MarkKind.ofCode(rs.getString("kind")).orElseThrow(), rs.getString("reason"),
                LocalDate.parse(rs.getString("marked_on")), Rows.audit(rs));
    }
}
