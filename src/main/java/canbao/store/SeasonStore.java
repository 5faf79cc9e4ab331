package canbao.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The counts behind the season dashboard (征缴进度), each computed in one SQL statement whatever the
 * township's size. A person's village is their live household's; persons born after the year are not
 * counted. For the policy year Y: renewed (paid for Y, own or with a guardian, and paid for Y−1), newly
 * enrolled (paid for Y, not for Y−1), still to pay (no paid enrolment for Y and no mark holding for Y —
 * exactly the to-do count of the 续保 worklist), marked (no paid enrolment for Y, a mark holding for Y),
 * and last season to date: persons with a paid Y−1 enrolment saved ({@code created_at}) before a given
 * instant. An enrolment cancelled since is not counted then either (its record does not say when).
 */
public final class SeasonStore {

    /** One village's counts for Y. */
    public record VillageCounts(String village, long renewed, long newlyEnrolled, long toPay, long marked,
                                long lastSeasonToDate) {
    }

    /** Paid enrolments saved on one day (local), of Y and of Y−1. */
    public record DayCount(LocalDate day, long count) {
    }

    public static final String VILLAGES = """
            SELECT h.village AS village,
                   count(CASE WHEN live.person_id IS NOT NULL AND last.person_id IS NOT NULL THEN 1 END) AS renewed,
                   count(CASE WHEN live.person_id IS NOT NULL AND last.person_id IS NULL THEN 1 END) AS newly_enrolled,
                   count(CASE WHEN live.person_id IS NULL AND NOT EXISTS (SELECT 1 FROM person_mark m
                                   WHERE m.person_id = p.id AND m.deleted = 0 AND (m.policy_year = :year
                                         OR (m.policy_year < :year AND m.kind IN ('moved_out', 'deceased'))))
                              THEN 1 END) AS to_pay,
                   count(CASE WHEN live.person_id IS NULL AND EXISTS (SELECT 1 FROM person_mark m
                                   WHERE m.person_id = p.id AND m.deleted = 0 AND (m.policy_year = :year
                                         OR (m.policy_year < :year AND m.kind IN ('moved_out', 'deceased'))))
                              THEN 1 END) AS marked,
                   count(CASE WHEN julianday(last.created_at) < julianday(:lastSeasonBefore) THEN 1 END)
                       AS last_season_to_date
            FROM person p
            JOIN household h ON h.id = p.household_id AND h.deleted = 0
            LEFT JOIN enrollment live ON live.person_id = p.id AND live.policy_year = :year
                                      AND live.status <> 'cancelled' AND live.status = 'paid'
            LEFT JOIN enrollment last ON last.person_id = p.id AND last.policy_year = :previous
                                      AND last.status <> 'cancelled' AND last.status = 'paid'
            WHERE p.deleted = 0 AND p.birth_date <= :lastDay
            GROUP BY h.village""";

    /** Paid enrolments of a year by the local day they were saved; the offset turns UTC into local time. */
    public static final String PER_DAY = """
            SELECT date(e.created_at, :offset) AS day, count(*) AS enrolments
            FROM enrollment e
            JOIN person p ON p.id = e.person_id AND p.deleted = 0
            JOIN household h ON h.id = p.household_id AND h.deleted = 0
            WHERE e.policy_year = :year AND e.status = 'paid'
            GROUP BY day ORDER BY day""";

    private final Database database;

    public SeasonStore(Database database) {
        this.database = database;
    }

    /** Per village (unordered), with last season counted up to {@code lastSeasonBefore} (exclusive). */
    public List<VillageCounts> villages(int year, Instant lastSeasonBefore) {
        return database.jdbi().withHandle(handle -> handle.createQuery(VILLAGES)
                .bind("year", year).bind("previous", year - 1)
                .bind("lastDay", LocalDate.of(year, 12, 31).toString())
                .bind("lastSeasonBefore", lastSeasonBefore.toString())
                .map((rs, ctx) -> new VillageCounts(rs.getString("village"), rs.getLong("renewed"),
                        rs.getLong("newly_enrolled"), rs.getLong("to_pay"), rs.getLong("marked"),
                        rs.getLong("last_season_to_date")))
                .list());
    }

    /** The paid enrolments of {@code year} by local day saved, oldest first. */
    public List<DayCount> perDay(int year, ZoneOffset offset) {
        return database.jdbi().withHandle(handle -> handle.createQuery(PER_DAY)
                .bind("year", year).bind("offset", offset.getTotalSeconds() + " seconds")
                .map((rs, ctx) -> new DayCount(LocalDate.parse(rs.getString("day")), rs.getLong("enrolments")))
                .list());
    }
}
