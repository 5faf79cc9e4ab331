package canbao.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.CoverageStore;
import canbao.store.Database;
import canbao.store.RenewalStore;
import canbao.store.SeasonStore;
import canbao.store.SeasonVillage;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 征缴进度 on a real SQLite store: exact counts, rates, last season to the same day, enrolments per day. */
class SeasonDashboardTest {

    static final Clock CLOCK = Clock.fixed(SeasonVillage.NOW, SeasonVillage.CHONGQING);

    @TempDir
    Path folder;

    private Database database;
    private SeasonDashboard dashboard;

    @BeforeEach
    void fill() {
        database = Database.open(folder, TestKeys.KEY);
        new WorkplaceSettings(database).save(new Workplace("兴义镇", "500230", "王芳"));
        SeasonVillage.fill(database);
        dashboard = new SeasonDashboard(new SeasonStore(database), new CoverageStore(database), CLOCK);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void villagesCountRenewedNewToPayAndMarkedWithRatesAgainstTargetAndTheSameDayLastSeason() {
        SeasonDashboard.Season season = dashboard.compute(2026);

        assertEquals(LocalDate.of(2025, 11, 20), season.date());
        assertEquals(LocalDate.of(2024, 11, 20), season.lastSeasonDay());
        // 李四 saved at 23:30 on 2024-11-20 counts for the same day; 王五 at 00:30 the next day does not
        assertEquals(List.of(
                new SeasonDashboard.Village("兴义村", 5, 1, 1, 2, 1, 2, new BigDecimal("0.4000"), 2,
                        new BigDecimal("0.4000"), 0),
                new SeasonDashboard.Village("龙河村", 2, 1, 0, 0, 1, 1, new BigDecimal("0.5000"), 2,
                        new BigDecimal("1.0000"), -1)), season.villages());
        assertEquals(new SeasonDashboard.Village("合计", 7, 2, 1, 2, 2, 3, new BigDecimal("0.4286"), 4,
                new BigDecimal("0.5714"), -1), season.township());
    }

    @Test
    void theCountsAreTheRenewalWorklistsCounts() {
        RenewalWorklist.Worklist list = new RenewalWorklist(new RenewalStore(database), PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), CLOCK, Localization.CHINESE).compute(2026, null);
        SeasonDashboard.Season season = dashboard.compute(2026);
        for (RenewalWorklist.Village village : list.villages()) {
            SeasonDashboard.Village line = season.villages().stream()
                    .filter(v -> v.village().equals(village.village())).findFirst().orElseThrow();
            assertEquals(List.of(village.counts().toRenew(), village.counts().renewed(),
                            village.counts().newlyEnrolled(), village.counts().marked()),
                    List.of(line.toPay(), line.renewed(), line.newlyEnrolled(), line.marked()), village.village());
        }
    }

    @Test
    void enrolmentsPerDayFromTheFirstDayToTodayWithLastSeasonMovedOnAYear() {
        List<SeasonDashboard.Day> days = dashboard.compute(2026).days();

        assertEquals(LocalDate.of(2025, 10, 15), days.get(0).day());
        assertEquals(LocalDate.of(2025, 11, 20), days.get(days.size() - 1).day());
        assertEquals(37, days.size(), "every day, with the days without an enrolment as 0");
        Map<LocalDate, String> nonZero = days.stream().filter(d -> d.enrolments() + d.lastSeasonEnrolments() > 0)
                .collect(Collectors.toMap(SeasonDashboard.Day::day, d -> d.enrolments() + "/" + d.lastSeasonEnrolments(),
                        (a, b) -> a, java.util.TreeMap::new));
        // 2024-11-21 (王五) moves to 2025-11-21, after today: not shown
        assertEquals(Map.of(LocalDate.of(2025, 10, 15), "0/1", LocalDate.of(2025, 11, 1), "0/1",
                LocalDate.of(2025, 11, 5), "0/1", LocalDate.of(2025, 11, 10), "1/0", LocalDate.of(2025, 11, 18), "1/0",
                LocalDate.of(2025, 11, 19), "1/0", LocalDate.of(2025, 11, 20), "0/1"), nonZero);
    }

    @Test
    void aRenewalMovesAPersonFromToPayToRenewedAndAMarkFromToPayToMarked() {
        database.jdbi().useHandle(h -> h.execute("UPDATE enrollment SET status = 'cancelled' WHERE policy_year = 2026"
                + " AND person_id = (SELECT id FROM person WHERE id_number = ?)", SeasonVillage.ZHANG_SAN));
        SeasonDashboard.Village xingyi = dashboard.compute(2026).villages().get(0);
        assertEquals(List.of(0L, 1L, 3L, 1L), List.of(xingyi.renewed(), xingyi.newlyEnrolled(), xingyi.toPay(),
                xingyi.marked()), "a cancelled enrolment for 2026 leaves 张三 to pay");
    }
}
