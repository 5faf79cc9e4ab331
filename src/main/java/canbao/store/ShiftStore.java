package canbao.store;

import canbao.model.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shift summary's figures: the paid enrolments saved on a day (in the counter's time zone), by
 * operator (by name; the login where no account has it) — how many, how much was collected, and how
 * many of them the hub has confirmed.
 */
public final class ShiftStore {

    /** One operator's day: enrolments, amount collected, and those uploaded (accepted or duplicate). */
    public record OperatorDay(String operator, long enrollments, Money collected, long uploaded) {
    }

    private final Database database;

    public ShiftStore(Database database) {
        this.database = database;
    }

    public List<OperatorDay> day(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return database.jdbi().withHandle(handle -> {
            Map<String, long[]> byOperator = new TreeMap<>();
            handle.createQuery("""
                    SELECT coalesce((SELECT o.name FROM operator o WHERE o.login = e.created_by), e.created_by),
                           e.created_at, e.payable_fen,
                           EXISTS (SELECT 1 FROM outbox o WHERE o.entity = 'enrollment' AND o.entity_id = e.id
                                   AND o.revision = e.revision AND o.status IN ('uploaded', 'duplicate')) AS uploaded
                    FROM enrollment e
                    WHERE e.status = 'paid' AND e.created_at >= :lower AND e.created_at < :upper""")
                    // instants are stored as ISO text, whose fractions of a second do not compare as text
                    // within the same second: a second's margin in SQL, the exact bounds below
                    .bind("lower", from.minusSeconds(1).toString()).bind("upper", to.plusSeconds(1).toString())
                    .map((rs, ctx) -> new Object[] {rs.getString(1), Instant.parse(rs.getString(2)), rs.getLong(3),
                            rs.getBoolean(4)})
                    .forEach(row -> {
                        Instant at = (Instant) row[1];
                        if (!at.isBefore(from) && at.isBefore(to)) {
                            long[] sums = byOperator.computeIfAbsent((String) row[0], k -> new long[3]);
                            sums[0]++;
                            sums[1] += (Long) row[2];
                            sums[2] += (Boolean) row[3] ? 1 : 0;
                        }
                    });
            return byOperator.entrySet().stream().map(e -> new OperatorDay(e.getKey(), e.getValue()[0],
                    new Money(e.getValue()[1]), e.getValue()[2])).toList();
        });
    }
}
