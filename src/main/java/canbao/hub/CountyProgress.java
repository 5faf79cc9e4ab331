package canbao.hub;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * The county's progress for one policy year, from what the hub holds: per township and village the
 * persons enrolled (a live, not cancelled enrolment: the same count as {@code /api/v1/stats}) against
 * the persons the townships uploaded (their rosters: the hub's target, there being no other), low-income
 * coverage, renewals still to do, records refused and not yet fixed, and every device's last upload.
 */
public final class CountyProgress {

    /** China Standard Time: the county's clock for dates and "days silent". */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private CountyProgress() {
    }

    /**
     * One township's figures. {@code households}, {@code persons} and {@code enrollments} are those of
     * {@code /api/v1/stats} for the year; {@code target} the persons uploaded; {@code renewalsToDo} persons
     * with a paid enrolment the year before and no live one this year; {@code waitingFix} records
     * refused (REJECTED or CONFLICT) with no accepted revision since.
     */
    public record Township(String township, long households, long persons, long enrollments, long target,
                           long lowIncome, long lowIncomeEnrolled, long renewalsToDo, long waitingFix) {

        /** Persons enrolled ÷ target, 4 decimals; null without a target. */
        public BigDecimal rate() {
            return CountyProgress.rate(persons, target);
        }

        public BigDecimal lowIncomeRate() {
            return CountyProgress.rate(lowIncomeEnrolled, lowIncome);
        }
    }

    public record Village(String township, String village, long persons, long target) {

        public BigDecimal rate() {
            return CountyProgress.rate(persons, target);
        }
    }

    /** A device's last upload (null: never), and whether it has been silent longer than the report's limit. */
    public record Device(String device, String township, Instant lastUpload, Long daysSilent, boolean silent) {
    }

    public record Report(int year, List<Integer> years, Instant asOf, int silentDays, List<Township> townships,
                         Township total, List<Village> villages, List<Device> devices) {

        public long silentDevices() {
            return devices.stream().filter(Device::silent).count();
        }
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    static Report read(Handle handle, Integer askedYear, int silentDays, Instant now, Set<String> lowIncomeCodes) {
        List<Integer> years = handle.createQuery("SELECT DISTINCT policy_year FROM hub_enrollment ORDER BY policy_year")
                .mapTo(Integer.class).list();
        int year = askedYear != null ? askedYear
                : years.isEmpty() ? LocalDate.ofInstant(now, ZONE).getYear() : years.get(years.size() - 1);

        Map<String, long[]> figures = new TreeMap<>();
        // households, persons, enrollments, target, low income, low income enrolled, renewals, waiting fix
        handle.createQuery("""
                SELECT h.township AS township, count(DISTINCT h.id) AS households, count(DISTINCT p.id) AS persons,
                       count(DISTINCT e.id) AS enrollments
                FROM hub_enrollment e
                JOIN hub_person p ON p.id = e.person_id
                JOIN hub_household h ON h.id = p.household_id
                WHERE e.status <> 'cancelled' AND e.policy_year = ?
                GROUP BY h.township""").bind(0, year).map((rs, ctx) -> {
                    long[] row = figures.computeIfAbsent(rs.getString("township"), t -> new long[8]);
                    row[0] = rs.getLong("households");
                    row[1] = rs.getLong("persons");
                    row[2] = rs.getLong("enrollments");
                    return row;
                }).list();
        handle.createQuery("""
                SELECT h.township AS township, count(*) AS target FROM hub_person p
                JOIN hub_household h ON h.id = p.household_id GROUP BY h.township""")
                .map((rs, ctx) -> figures.computeIfAbsent(rs.getString("township"), t -> new long[8])[3] = rs.getLong("target"))
                .list();
        if (!lowIncomeCodes.isEmpty()) {
            handle.createQuery("""
                    SELECT h.township AS township, count(*) AS total,
                           count(CASE WHEN EXISTS (SELECT 1 FROM hub_enrollment e WHERE e.person_id = p.id
                                 AND e.policy_year = :year AND e.status <> 'cancelled') THEN 1 END) AS enrolled
                    FROM hub_person p JOIN hub_household h ON h.id = p.household_id
                    WHERE EXISTS (SELECT 1 FROM hub_category c WHERE c.person_id = p.id AND c.deleted = 0
                                  AND c.code IN (<codes>))
                    GROUP BY h.township""")
                    .bind("year", year).bindList("codes", new ArrayList<>(new TreeSet<>(lowIncomeCodes)))
                    .map((rs, ctx) -> {
                        long[] row = figures.computeIfAbsent(rs.getString("township"), t -> new long[8]);
                        row[4] = rs.getLong("total");
                        row[5] = rs.getLong("enrolled");
                        return row;
                    }).list();
        }
        handle.createQuery("""
                SELECT h.township AS township, count(DISTINCT p.identity) AS renewals
                FROM hub_enrollment e
                JOIN hub_person p ON p.id = e.person_id
                JOIN hub_household h ON h.id = p.household_id
                WHERE e.policy_year = :previous AND e.status = 'paid' AND p.identity <> 'cert:'
                  AND NOT EXISTS (SELECT 1 FROM hub_enrollment n JOIN hub_person q ON q.id = n.person_id
                                  WHERE q.identity = p.identity AND n.policy_year = :year AND n.status <> 'cancelled')
                  AND NOT EXISTS (SELECT 1 FROM hub_mark m JOIN hub_person q ON q.id = m.person_id
                                  WHERE q.identity = p.identity AND m.deleted = 0 AND (m.policy_year = :year
                                      OR (m.policy_year < :year AND m.kind IN (<permanent>))))
                GROUP BY h.township""").bind("previous", year - 1).bind("year", year)
                // a marked person (迁出, 死亡, 职工医保, 外地参保, 拒绝参保) is no longer chased, as on the counter's 续保
                .bindList("permanent", java.util.Arrays.stream(canbao.model.MarkKind.values())
                        .filter(canbao.model.MarkKind::permanent).map(canbao.model.MarkKind::code).toList())
                .map((rs, ctx) -> figures.computeIfAbsent(rs.getString("township"), t -> new long[8])[6] = rs.getLong("renewals"))
                .list();
        handle.createQuery("""
                SELECT r.township AS township, count(*) AS waiting FROM hub_rejection r
                WHERE NOT EXISTS (SELECT 1 FROM sync_record s
                                  WHERE s.entity = r.entity AND s.id = r.id AND s.revision >= r.revision)
                GROUP BY r.township""")
                .map((rs, ctx) -> figures.computeIfAbsent(rs.getString("township"), t -> new long[8])[7] = rs.getLong("waiting"))
                .list();

        List<Township> townships = new ArrayList<>();
        long[] sum = new long[8];
        figures.forEach((name, row) -> {
            townships.add(township(name, row));
            for (int i = 0; i < sum.length; i++) {
                sum[i] += row[i];
            }
        });

        List<Village> villages = handle.createQuery("""
                SELECT h.township AS township, COALESCE(h.village, '') AS village, count(*) AS target,
                       count(CASE WHEN EXISTS (SELECT 1 FROM hub_enrollment e WHERE e.person_id = p.id
                             AND e.policy_year = ? AND e.status <> 'cancelled') THEN 1 END) AS persons
                FROM hub_person p JOIN hub_household h ON h.id = p.household_id
                GROUP BY h.township, COALESCE(h.village, '')
                ORDER BY h.township, COALESCE(h.village, '')""").bind(0, year)
                .map((rs, ctx) -> new Village(rs.getString("township"), rs.getString("village"), rs.getLong("persons"),
                        rs.getLong("target")))
                .list();

        List<Device> devices = handle.createQuery("""
                SELECT d.name AS name, COALESCE(d.township, '') AS township,
                       (SELECT max(b.received_at) FROM batch b WHERE b.device = d.name) AS last_upload
                FROM device d WHERE d.revoked_at IS NULL ORDER BY COALESCE(d.township, ''), d.name""")
                .map((rs, ctx) -> {
                    String last = rs.getString("last_upload");
                    Instant at = last == null ? null : Instant.parse(last);
                    Long days = at == null ? null : Duration.between(at, now).toDays();
                    return new Device(rs.getString("name"), rs.getString("township"), at, days,
                            days == null || days > silentDays);
                }).list();
        return new Report(year, years, now, silentDays, townships, township("合计", sum), villages, devices);
    }

    private static Township township(String name, long[] row) {
        return new Township(name, row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]);
    }
}
