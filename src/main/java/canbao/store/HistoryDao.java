package canbao.store;

import canbao.policy.KnownHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** A person's coverage history as this counter knows it: its own paid enrolments and declared years. */
public interface HistoryDao {

    /**
     * A person's coverage history for a policy year from years already read ({@link #counterYears} and the
     * declared ones), then what the caller brings (the hub's answer, newly declared years): the household
     * save reads one person's, the renewal worklist a township's in bulk, and both quote with exactly this.
     */
    static KnownHistory known(List<Integer> counterYears, List<Declared> declaredYears, int year, KnownHistory given) {
        KnownHistory known = KnownHistory.NONE;
        // only the years before the quoted one are its history (a later year's enrolment is not)
        known = known.with(KnownHistory.Source.COUNTER, counterYears.stream().filter(y -> y < year).toList(), null);
        for (Declared declared : declaredYears) {
            known = known.with(KnownHistory.Source.DECLARED, List.of(declared.year()), declared.evidence());
        }
        for (Map.Entry<Integer, KnownHistory.Source> entry : given.years().entrySet()) {
            // what the hub or the counter found for later years is no history of this one; a declared
            // year after it stays, for the checks to name
            if (entry.getKey() < year || entry.getValue() == KnownHistory.Source.DECLARED) {
                known = known.with(entry.getValue(), List.of(entry.getKey()), given.evidence().get(entry.getKey()));
            }
        }
        return new KnownHistory(known.years(), known.evidence(), given.hub());
    }

    /**
     * (person_id, policy_year) of every year this counter holds as covered, for the persons
     * {@code personCondition} names (over {@code person_id}): a paid (own or with a guardian) enrolment,
     * or a mark saying the person was covered otherwise that year (职工医保, 外地参保). The one definition
     * behind a person's history here and the renewal worklist's. The condition is written into each
     * arm of the UNION: SQLite 3.40 does not push a condition outside a compound query into it, and
     * then scans every enrolment of the store for one person (seen with EXPLAIN QUERY PLAN);
     * "status <> 'cancelled'" beside "= 'paid'" lets it use the partial index enrollment_live. UNION ALL:
     * a year both enrolled and marked comes twice, which the history's merge ({@code KnownHistory.with})
     * and {@link #enrolledYears}'s DISTINCT take once; deduplicating in SQL built a temporary B-tree of
     * the whole township's years for the worklist (bench renewals).
     */
    static String counterYears(String personCondition) {
        return ENROLLED_ARM + personCondition + " UNION ALL " + MARK_ARM + personCondition;
    }

    String ENROLLED_ARM = "SELECT person_id, policy_year FROM enrollment WHERE status = 'paid' AND status <> 'cancelled' AND ";
    String MARK_ARM = "SELECT person_id, policy_year FROM person_mark WHERE deleted = 0"
            + " AND kind IN ('employee_insurance', 'elsewhere') AND ";

    /** Years the person is covered by this counter's records (see {@link #counterYears}), by index. */
    @SqlQuery("SELECT DISTINCT policy_year FROM (" + ENROLLED_ARM + "person_id = :person UNION ALL " + MARK_ARM
            + "person_id = :person) ORDER BY 1")
    List<Integer> enrolledYears(@Bind("person") String personId);

    record Declared(int year, String evidence) {
    }

    @SqlQuery("SELECT year, evidence FROM declared_coverage WHERE person_id = ? AND deleted = 0 ORDER BY year")
    List<Declared> declaredYears(String personId);

    /** A year of one of several persons' (one save's members), counted or declared. */
    record PersonYear(String personId, int year, String evidence) {
    }

    /** {@link #enrolledYears} of several persons in one statement (a year may come twice; evidence null). */
    @SqlQuery("SELECT person_id, policy_year AS year, NULL AS evidence FROM (" + ENROLLED_ARM
            + "person_id IN (<persons>) UNION ALL " + MARK_ARM + "person_id IN (<persons>))")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(PersonYear.class)
    List<PersonYear> enrolledYearsOf(@org.jdbi.v3.sqlobject.customizer.BindList("persons")
                                     java.util.Collection<String> personIds);

    /** {@link #declaredYears} of several persons in one statement. */
    @SqlQuery("SELECT person_id, year, evidence FROM declared_coverage WHERE person_id IN (<persons>) AND deleted = 0"
            + " ORDER BY person_id, year")
    @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(PersonYear.class)
    List<PersonYear> declaredYearsOf(@org.jdbi.v3.sqlobject.customizer.BindList("persons")
                                     java.util.Collection<String> personIds);

    @SqlUpdate("""
            INSERT INTO declared_coverage (id, person_id, year, evidence, revision, created_at, updated_at,
                                           created_by, updated_by)
            SELECT :id, :person, :year, :evidence, 1, :at, :at, :by, :by
            WHERE NOT EXISTS (SELECT 1 FROM declared_coverage WHERE person_id = :person AND year = :year AND deleted = 0)""")
    int declare(@Bind("id") String id, @Bind("person") String personId, @Bind("year") int year,
                @Bind("evidence") String evidence, @Bind("at") Instant at, @Bind("by") String operator);
}
