package canbao.report;

import canbao.model.NaturalOrder;
import canbao.store.CoverageStore;
import canbao.store.SeasonStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * 征缴进度 — the season dashboard for the policy year Y, the one computation behind the 统计报表 screen's
 * dashboard and {@code report season}: per village renewed / newly enrolled / still to pay / marked
 * (the counts of {@link SeasonStore}, the same as the 续保 worklist's), enrolled = renewed + newly
 * enrolled against the village target (rate, 4 decimals half up, none without a target), and against
 * the same calendar day last season: the persons whose Y−1 enrolment had been saved by the end of
 * today's date one year earlier. The chart's points are the paid enrolments saved per day for Y, and
 * for Y−1 moved on by one year, from the first day either has up to today (the latest {@link #MAX_DAYS}: a day
 * of the month and month name each day once).
 */
public final class SeasonDashboard {

    /** The chart keeps the latest days only, however long ago the first enrolment of the year was saved. */
    public static final int MAX_DAYS = 365;

    /**
     * One village's line. {@code rate} and {@code lastSeasonRate} are null without a target (or a target of 0);
     * {@code change} is enrolled now minus enrolled by the same day last season.
     */
    public record Village(String village, Integer target, long renewed, long newlyEnrolled, long toPay, long marked,
                          long enrolled, BigDecimal rate, long lastSeasonToDate, BigDecimal lastSeasonRate,
                          long change) {
    }

    /** Paid enrolments saved on one day of this season, and on the same day of last season. */
    public record Day(LocalDate day, long enrolments, long lastSeasonEnrolments) {
    }

    /** {@code lastSeasonDay} is the day last season is counted up to (inclusive): today one year earlier. */
    public record Season(int policyYear, LocalDate date, LocalDate lastSeasonDay, List<Village> villages,
                         Village township, List<Day> days) {

        /** The shape {@code report season --json} prints. */
        public Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("policyYear", policyYear);
            json.put("date", date.toString());
            json.put("lastSeasonDay", lastSeasonDay.toString());
            json.put("villages", villages.stream().map(SeasonDashboard::json).toList());
            json.put("township", SeasonDashboard.json(township));
            json.put("days", days.stream().map(d -> {
                Map<String, Object> day = new LinkedHashMap<>();
                day.put("day", d.day().toString());
                day.put("enrolments", d.enrolments());
                day.put("lastSeasonEnrolments", d.lastSeasonEnrolments());
                return day;
            }).toList());
            return json;
        }
    }

    private final SeasonStore store;
    private final CoverageStore targets;
    private final Clock clock;

    public SeasonDashboard(SeasonStore store, CoverageStore targets, Clock clock) {
        this.store = store;
        this.targets = targets;
        this.clock = clock;
    }

    public Season compute(int year) {
        LocalDate today = LocalDate.now(clock);
        LocalDate lastSeasonDay = today.minusYears(1);
        Instant lastSeasonBefore = lastSeasonDay.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Map<String, SeasonStore.VillageCounts> counts = new TreeMap<>();
        for (SeasonStore.VillageCounts village : store.villages(year, lastSeasonBefore)) {
            counts.put(village.village(), village);
        }
        Map<String, Integer> goals = targets.targets();
        TreeSet<String> names = new TreeSet<>(NaturalOrder.INSTANCE);
        names.addAll(counts.keySet());
        names.addAll(goals.keySet());
        List<Village> villages = new ArrayList<>();
        long renewed = 0;
        long newly = 0;
        long toPay = 0;
        long marked = 0;
        long lastSeason = 0;
        long target = 0;
        boolean everyTarget = !names.isEmpty();
        for (String name : names) {
            SeasonStore.VillageCounts c = counts.getOrDefault(name, new SeasonStore.VillageCounts(name, 0, 0, 0, 0, 0));
            Integer goal = goals.get(name);
            villages.add(village(name, goal, c.renewed(), c.newlyEnrolled(), c.toPay(), c.marked(),
                    c.lastSeasonToDate()));
            renewed += c.renewed();
            newly += c.newlyEnrolled();
            toPay += c.toPay();
            marked += c.marked();
            lastSeason += c.lastSeasonToDate();
            if (goal == null) {
                everyTarget = false;
            } else {
                target += goal;
            }
        }
        Village township = village("合计", everyTarget ? (int) target : null, renewed, newly, toPay, marked, lastSeason);
        return new Season(year, today, lastSeasonDay, List.copyOf(villages), township, days(year, today));
    }

    private List<Day> days(int year, LocalDate today) {
        ZoneOffset offset = clock.getZone().getRules().getOffset(clock.instant());
        TreeMap<LocalDate, long[]> byDay = new TreeMap<>();
        for (SeasonStore.DayCount day : store.perDay(year, offset)) {
            if (!day.day().isAfter(today)) {
                byDay.computeIfAbsent(day.day(), k -> new long[2])[0] += day.count();
            }
        }
        for (SeasonStore.DayCount day : store.perDay(year - 1, offset)) {
            LocalDate moved = day.day().plusYears(1);
            if (!moved.isAfter(today)) {
                byDay.computeIfAbsent(moved, k -> new long[2])[1] += day.count();
            }
        }
        if (byDay.isEmpty()) {
            return List.of();
        }
        LocalDate last = byDay.lastKey();
        LocalDate first = byDay.firstKey();
        if (first.isBefore(last.minusDays(MAX_DAYS - 1))) {
            first = last.minusDays(MAX_DAYS - 1);
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long[] n = byDay.getOrDefault(day, new long[2]);
            days.add(new Day(day, n[0], n[1]));
        }
        return List.copyOf(days);
    }

    private static Village village(String name, Integer target, long renewed, long newly, long toPay, long marked,
                                   long lastSeason) {
        long enrolled = renewed + newly;
        return new Village(name, target, renewed, newly, toPay, marked, enrolled, rate(enrolled, target), lastSeason,
                rate(lastSeason, target), enrolled - lastSeason);
    }

    private static BigDecimal rate(long count, Integer target) {
        return target == null || target == 0 ? null
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(target), 4, RoundingMode.HALF_UP);
    }

    private static Map<String, Object> json(Village village) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("village", village.village());
        json.put("target", village.target());
        json.put("renewed", village.renewed());
        json.put("newlyEnrolled", village.newlyEnrolled());
        json.put("toPay", village.toPay());
        json.put("marked", village.marked());
        json.put("enrolled", village.enrolled());
        json.put("rate", village.rate());
        json.put("lastSeasonToDate", village.lastSeasonToDate());
        json.put("lastSeasonRate", village.lastSeasonRate());
        json.put("change", village.change());
        return json;
    }
}
