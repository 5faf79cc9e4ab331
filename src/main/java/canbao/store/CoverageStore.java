package canbao.store;

import canbao.model.IdMask;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts behind the coverage report, straight from the store: per village (a person's village
 * is their household's), the persons, those enrolled for the year (a paid enrolment of their own or
 * covered with a guardian; cancelled and unpaid drafts do not count; a person counts once), the
 * low-income people and how many of them are enrolled, and the village targets.
 */
public final class CoverageStore {

    /** One village's counts for a policy year. {@code persons} excludes people born after the year. */
    public record VillageCounts(String village, long persons, long enrolled, long lowIncome, long lowIncomeEnrolled) {
    }

    /** A person not enrolled for the year, as a cadre's door-to-door list shows them (ID masked). */
    public record Missing(String village, String group, String householdNumber, String name, String maskedIdNumber,
                          String relation, String phone, String lowIncomeCodes) {
    }

    private static final String PERSONS_OF_THE_YEAR = """
            WITH enrolled AS (
                SELECT DISTINCT person_id FROM enrollment WHERE policy_year = :year AND status = 'paid'),
            low AS (
                SELECT person_id, group_concat(code, '、') AS codes FROM person_category
                WHERE deleted = 0 AND code IN (<lowIncome>) GROUP BY person_id)
            """;

    private final Database database;

    public CoverageStore(Database database) {
        this.database = database;
    }

    public List<VillageCounts> villages(int year, Collection<String> lowIncomeCodes) {
        return database.jdbi().withHandle(handle -> handle.createQuery(PERSONS_OF_THE_YEAR + """
                        SELECT h.village AS village, count(*) AS persons, count(e.person_id) AS enrolled,
                               count(l.person_id) AS low_income,
                               count(CASE WHEN l.person_id IS NOT NULL AND e.person_id IS NOT NULL THEN 1 END)
                                   AS low_income_enrolled
                        FROM person p
                        JOIN household h ON h.id = p.household_id AND h.deleted = 0
                        LEFT JOIN enrolled e ON e.person_id = p.id
                        LEFT JOIN low l ON l.person_id = p.id
                        WHERE p.deleted = 0 AND p.birth_date <= :lastDay
                        GROUP BY h.village ORDER BY h.village""")
                .bind("year", year).bind("lastDay", LocalDate.of(year, 12, 31).toString())
                .bindList("lowIncome", List.copyOf(lowIncomeCodes))
                .map((rs, ctx) -> new VillageCounts(rs.getString("village"), rs.getLong("persons"),
                        rs.getLong("enrolled"), rs.getLong("low_income"), rs.getLong("low_income_enrolled")))
                .list());
    }

    /** The persons not enrolled for the year, by village, group and household; low-income only if asked. */
    public List<Missing> notEnrolled(int year, Collection<String> lowIncomeCodes, boolean lowIncomeOnly) {
        return database.jdbi().withHandle(handle -> handle.createQuery(PERSONS_OF_THE_YEAR + """
                        SELECT h.village, h.group_name, h.number, h.phone, p.name, p.id_number,
                               p.birth_certificate_no, p.relation, l.codes
                        FROM person p
                        JOIN household h ON h.id = p.household_id AND h.deleted = 0
                        LEFT JOIN enrolled e ON e.person_id = p.id
                        LEFT JOIN low l ON l.person_id = p.id
                        WHERE p.deleted = 0 AND p.birth_date <= :lastDay AND e.person_id IS NULL
                        """ + (lowIncomeOnly ? "AND l.person_id IS NOT NULL " : "") + """
                        ORDER BY h.village, h.group_name, h.number, p.rowid""")
                .bind("year", year).bind("lastDay", LocalDate.of(year, 12, 31).toString())
                .bindList("lowIncome", List.copyOf(lowIncomeCodes))
                .map((rs, ctx) -> new Missing(rs.getString("village"), rs.getString("group_name"),
                        rs.getString("number"), rs.getString("name"),
                        rs.getString("id_number") != null ? IdMask.mask(rs.getString("id_number"))
                                : rs.getString("birth_certificate_no"),
                        rs.getString("relation"), rs.getString("phone"), rs.getString("codes")))
                .list());
    }

    /** 应参保人数 by village. */
    public Map<String, Integer> targets() {
        return database.jdbi().withHandle(handle -> {
            Map<String, Integer> targets = new TreeMap<>();
            handle.createQuery("SELECT village, target FROM village_target")
                    .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getInt(2)))
                    .forEach(entry -> targets.put(entry.getKey(), entry.getValue()));
            return targets;
        });
    }
}
