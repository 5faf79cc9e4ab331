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
 * What the renewal worklist (续保) reads for a policy year Y, in five queries whatever the township's
 * size: every person of a live household born by the end of Y with last year's (Y−1) paid enrolment,
 * the live enrolment for Y, the live categories, the coverage history (the same years and the same
 * merge as {@code service.HouseholdService} uses for a quote) and the mark that holds for Y.
 */
public final class RenewalStore {

    /** Last year's paid enrolment: own with its tier, or with a guardian (and the guardian's tier then). */
    public record LastYear(String kind, Tier tier, Tier guardianTier) {
    }

    /**
     * One person as the worklist needs them.
     *
     * @param liveStatus the status of the live enrolment for Y (PAID or DRAFT) or null
     * @param mark the mark that holds for Y (of Y, or a permanent one of an earlier year), or null
     */
    public record Row(Household household, Person person, LastYear lastYear, EnrollmentStatus liveStatus,
                      List<PersonCategory> categories, KnownHistory history, PersonMark mark) {

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
     * The persons SELECT the benchmark runs directly too, for its baseline. "status <> 'cancelled'" is
     * written out beside "= 'paid'" so SQLite can use the partial index enrollment_live (person, year):
     * without it the planner scanned the year's enrolments for every person (minutes at 30,000). The
     * live enrolment's status is named as a list (the only two there are besides cancelled) so the
     * planner reads it from the covering index enrollment_renewal (V40) rather than the enrolment row.
     */
    public static final String PERSONS = """
            SELECT p.*, h.id AS h_id, h.number AS h_number, h.village AS h_village, h.group_name AS h_group,
                   h.address AS h_address, h.phone AS h_phone, h.revision AS h_revision,
                   h.created_at AS h_created_at, h.updated_at AS h_updated_at, h.created_by AS h_created_by,
                   h.updated_by AS h_updated_by,
                   last.kind AS last_kind, last.tier AS last_tier, guardian.tier AS guardian_tier,
                   live.status AS live_status
            FROM person p
            JOIN household h ON h.id = p.household_id AND h.deleted = 0
            LEFT JOIN enrollment last ON last.person_id = p.id AND last.policy_year = :previous
                                      AND last.status <> 'cancelled' AND last.status = 'paid'
            LEFT JOIN enrollment guardian ON guardian.person_id = last.guardian_person_id
                                          AND guardian.policy_year = :previous AND guardian.status <> 'cancelled'
                                          AND guardian.status = 'paid'
            LEFT JOIN enrollment live ON live.person_id = p.id AND live.policy_year = :year
                                      AND live.status <> 'cancelled' AND live.status IN ('paid', 'draft')
            WHERE p.deleted = 0 AND p.birth_date <= :lastDay <scope>
            ORDER BY p.rowid""";

    public static final String CATEGORIES = """
            SELECT c.* FROM person_category c JOIN person p ON p.id = c.person_id
            JOIN household h ON h.id = p.household_id
            WHERE c.deleted = 0 <scope> ORDER BY c.person_id, c.code""";

    /** The persons' filter inside each arm of the UNION (see {@link HistoryDao#counterYears}): one household reads its rows only. */
    public static final String COVERED_YEARS = HistoryDao.counterYears("""
            policy_year < :year AND person_id IN (
                SELECT p.id FROM person p JOIN household h ON h.id = p.household_id WHERE p.deleted = 0 <scope>)""");

    /**
     * The covered years the worklist reads for a scope ({@code ""}: the whole township). For the township
     * every counted year of the store is read by one pass over the index (the rows of persons not listed
     * are simply not looked up), not 30,000 searches through the persons' list (bench renewals).
     */
    public static String coveredYears(String scope) {
        return scope.isEmpty() ? HistoryDao.counterYears("policy_year < :year") : COVERED_YEARS.replace("<scope>", scope);
    }

    public static final String DECLARED_YEARS = """
            SELECT d.person_id, d.year, d.evidence FROM declared_coverage d JOIN person p ON p.id = d.person_id
            JOIN household h ON h.id = p.household_id
            WHERE d.deleted = 0 <scope> ORDER BY d.person_id, d.year""";

    public static final String MARKS = """
            SELECT m.* FROM person_mark m JOIN person p ON p.id = m.person_id JOIN household h ON h.id = p.household_id
            WHERE m.deleted = 0 AND (m.policy_year = :year
                  OR (m.policy_year < :year AND m.kind IN ('moved_out', 'deceased'))) <scope>
            ORDER BY m.person_id, m.policy_year""";

    private final Database database;

    public RenewalStore(Database database) {
        this.database = database;
    }

    /** Every person of the township (village null) or of one village. */
    public List<Row> rows(int year, String village) {
        return database.jdbi().withHandle(handle -> village == null ? read(handle, year, "", Map.of())
                : read(handle, year, "AND h.village = :village", Map.of("village", village.strip())));
    }

    /** The persons of one household (by its id). */
    public List<Row> household(int year, String householdId) {
        return database.jdbi().withHandle(handle -> read(handle, year, "AND h.id = :household",
                Map.of("household", householdId)));
    }

    /** The villages with persons, for a filter. */
    public List<String> villages() {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT village FROM household WHERE deleted = 0 ORDER BY village").mapTo(String.class).list());
    }

    private static List<Row> read(Handle handle, int year, String scope, Map<String, Object> binds) {
        Map<String, List<PersonCategory>> categories = new HashMap<>();
        Rows.CategoryMapper categoryMapper = new Rows.CategoryMapper();
        bind(handle.createQuery(CATEGORIES.replace("<scope>", scope)), year, binds)
                .map((rs, ctx) -> categoryMapper.map(rs, ctx))
                .forEach(c -> categories.computeIfAbsent(c.personId(), k -> new ArrayList<>()).add(c));
        Map<String, List<Integer>> covered = new HashMap<>();
        bind(handle.createQuery(coveredYears(scope)), year, binds)
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                .forEach(e -> covered.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, List<HistoryDao.Declared>> declared = new HashMap<>();
        bind(handle.createQuery(DECLARED_YEARS.replace("<scope>", scope)), year, binds)
                .map((rs, ctx) -> Map.entry(rs.getString(1), new HistoryDao.Declared(rs.getInt(2), rs.getString(3))))
                .forEach(e -> declared.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<String, PersonMark> marks = new HashMap<>();
        bind(handle.createQuery(MARKS.replace("<scope>", scope)), year, binds)
                .map((rs, ctx) -> mark(rs))
                // ordered by year: the mark of Y itself, when there is one, wins over an earlier permanent one
                .forEach(m -> marks.put(m.personId(), m));
        Rows.PersonMapper personMapper = new Rows.PersonMapper();
        // a household's members come one after another: its record is made once, not once per member
        Household[] previous = new Household[1];
        return bind(handle.createQuery(PERSONS.replace("<scope>", scope)), year, binds)
                .map((rs, ctx) -> {
                    Person person = personMapper.map(rs, ctx);
                    String householdId = rs.getString("h_id");
                    Household household = previous[0] != null && previous[0].id().equals(householdId) ? previous[0]
                            : new Household(householdId, rs.getString("h_number"),
                            rs.getString("h_village"), rs.getString("h_group"), rs.getString("h_address"),
                            rs.getString("h_phone"), new canbao.model.Audit(rs.getInt("h_revision"),
                            Rows.instant(rs.getString("h_created_at")),
                            Rows.instant(rs.getString("h_updated_at")), rs.getString("h_created_by"),
                            rs.getString("h_updated_by")));
                    previous[0] = household;
                    String lastKind = rs.getString("last_kind");
                    LastYear last = lastKind == null ? null
                            : new LastYear(lastKind, tier(rs.getObject("last_tier")), tier(rs.getObject("guardian_tier")));
                    KnownHistory history = HistoryDao.known(covered.getOrDefault(person.id(), List.of()),
                            declared.getOrDefault(person.id(), List.of()), year, KnownHistory.NONE);
                    return new Row(household, person, last, liveStatus(rs.getString("live_status")),
                            List.copyOf(categories.getOrDefault(person.id(), List.of())), history,
                            marks.get(person.id()));
                }).list();
    }

    private static EnrollmentStatus liveStatus(String code) {
        return code == null ? null : EnrollmentStatus.ofCode(code);
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
