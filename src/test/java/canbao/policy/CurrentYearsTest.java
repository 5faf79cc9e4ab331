package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Policy years 2023–2026 at their edges (POLICY.md, "Policy years 2023–2026" and "The 2025 waiting
 * rule"): each window's first and last day, the surcharge and deadline edges, starts that fall after
 * Dec 31, each subsidy level, broken years, repair, exemptions, continuity and provisional marks.
 */
class CurrentYearsTest {

    @ParameterizedTest(name = "{0} paid {1}, {2}, tier {3}, covered {4}, repair {5} → {6} from {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # enrolment periods: the day before, the first and the last day
            2023 | 2022-10-24 | adult        | 1 | -         | 0 | refused | -          | false
            2023 | 2022-10-25 | adult        | 1 | -         | 0 | 350     | 2023-01-01 | false
            2023 | 2023-02-28 | adult        | 2 | -         | 0 | 725     | 2023-01-01 | false
            2024 | 2023-10-11 | adult        | 1 | -         | 0 | refused | -          | false
            2024 | 2023-10-12 | adult        | 1 | -         | 0 | 380     | 2024-01-01 | false
            2024 | 2023-12-31 | adult        | 2 | -         | 0 | 755     | 2024-01-01 | false
            2025 | 2024-09-12 | adult        | 1 | -         | 0 | refused | -          | true
            2025 | 2024-09-13 | adult        | 1 | -         | 0 | 400     | 2025-01-01 | true
            2026 | 2025-08-31 | adult        | 1 | -         | 0 | refused | -          | true
            2026 | 2025-09-01 | adult        | 1 | -         | 0 | 400     | 2026-01-01 | true
            2026 | 2025-12-31 | adult        | 2 | -         | 0 | 775     | 2026-01-01 | true
            # month-after windows: first and last day, 2024-02-29, and the day after
            2023 | 2023-03-01 | adult        | 1 | -         | 0 | 350     | 2023-04-01 | false
            2023 | 2023-04-30 | adult        | 1 | -         | 0 | 350     | 2023-05-01 | false
            2023 | 2023-05-01 | adult        | 1 | -         | 0 | 350     | 2023-07-31 | true
            2024 | 2024-01-01 | adult        | 1 | -         | 0 | 380     | 2024-02-01 | true
            2024 | 2024-02-29 | adult        | 1 | -         | 0 | 380     | 2024-03-01 | true
            2024 | 2024-03-01 | adult        | 1 | -         | 0 | 380     | 2024-05-31 | true
            2025 | 2025-02-28 | adult        | 1 | -         | 0 | 400     | 2025-03-01 | true
            2025 | 2025-03-01 | adult        | 1 | -         | 0 | 400     | 2025-06-02 | false
            2026 | 2026-01-01 | adult        | 1 | 2025      | 0 | 400     | 2026-02-01 | true
            2026 | 2026-02-28 | adult        | 1 | 2025      | 0 | 400     | 2026-03-01 | true
            2026 | 2026-03-01 | adult        | 1 | 2025      | 0 | 400     | 2026-06-02 | false
            # surcharge: Jun 30 / Jul 1; deadline: Sep 30 / Oct 1
            2023 | 2023-06-30 | adult        | 1 | -         | 0 | 350     | 2023-09-29 | true
            2023 | 2023-07-01 | adult        | 1 | -         | 0 | 960     | 2023-09-30 | true
            2023 | 2023-09-30 | adult        | 1 | -         | 0 | 960     | 2023-12-30 | true
            2023 | 2023-10-01 | adult        | 1 | -         | 0 | refused | -          | true
            2024 | 2024-06-30 | adult        | 1 | -         | 0 | 380     | 2024-09-29 | true
            2024 | 2024-07-01 | adult        | 1 | -         | 0 | 1020    | 2024-09-30 | true
            2024 | 2024-09-30 | adult        | 1 | -         | 0 | 1020    | 2024-12-30 | true
            2024 | 2024-10-01 | adult        | 1 | -         | 0 | refused | -          | true
            # 2025/2026: no surcharge, no deadline; a start after Dec 31 is refused. With broken years the
            # (confirmed) waiting rule gives the start whatever the window, so the answer is not provisional
            2025 | 2025-07-01 | adult        | 1 | -         | 0 | 400     | 2025-10-02 | false
            2025 | 2025-09-30 | adult        | 1 | -         | 0 | 400     | 2025-12-31 | false
            2025 | 2025-10-01 | adult        | 1 | -         | 0 | refused | -          | false
            2026 | 2026-09-30 | adult        | 1 | 2025      | 0 | 400     | 2026-12-31 | false
            2026 | 2026-10-01 | adult        | 1 | 2025      | 0 | refused | -          | false
            2026 | 2026-08-31 | adult        | 1 | 2024      | 0 | refused | -          | false
            2026 | 2026-08-31 | adult        | 1 | 2024      | 1 | 800     | 2026-12-01 | false
            2026 | 2025-09-01 | adult        | 1 | 2024      | 0 | 400     | 2026-01-02 | false
            2026 | 2025-09-01 | adult        | 1 | 2024      | 1 | 800     | 2026-01-01 | false
            # broken years count from 2025 only (a Decision: provisional when it cut the count) and not before birth
            2026 | 2025-12-15 | adult        | 1 | 2020      | 0 | 400     | 2026-04-16 | true
            2026 | 2025-12-15 | adult        | 1 | -         | 0 | 400     | 2026-01-01 | true
            2025 | 2024-12-15 | adult        | 1 | 2020      | 0 | 400     | 2025-01-01 | true
            # subsidy levels, each year, both tiers
            2023 | 2023-01-10 | adult TEKUN  | 1 | -         | 0 | 0       | 2023-01-01 | false
            2023 | 2023-01-10 | adult DIBAO  | 1 | -         | 0 | 35      | 2023-01-01 | false
            2023 | 2023-01-10 | adult DIBAO  | 2 | -         | 0 | 375     | 2023-01-01 | false
            2023 | 2023-01-10 | adult DIBAO_EDGE | 1 | -     | 0 | 105     | 2023-01-01 | false
            2023 | 2023-01-10 | adult STABLE_EXIT | 1 | -    | 0 | 300     | 2023-01-01 | false
            2023 | 2023-01-10 | adult STABLE_EXIT | 2 | -    | 0 | 675     | 2023-01-01 | false
            2023 | 2023-01-10 | adult SEVERE_DISABILITY | 1 | - | 0 | 105  | 2023-01-01 | true
            2023 | 2023-01-10 | adult OLD_DEMOBILIZED | 2 | - | 0 | 0      | 2023-01-01 | true
            2023 | 2023-01-10 | adult FP_PARENT | 1 | -      | 0 | 350     | 2023-01-01 | true
            2024 | 2023-11-10 | adult DIBAO  | 1 | -         | 0 | 38      | 2024-01-01 | false
            2024 | 2023-11-10 | adult EDGE_POVERTY | 1 | -  | 0 | 114     | 2024-01-01 | false
            2024 | 2023-11-10 | adult STABLE_EXIT | 1 | -    | 0 | 380     | 2024-01-01 | false
            2024 | 2023-11-10 | adult ORPHAN | 2 | -         | 0 | 375     | 2024-01-01 | true
            2025 | 2025-01-10 | adult DIBAO  | 1 | -         | 0 | 40      | 2025-01-10 | false
            2025 | 2025-01-10 | adult TEKUN  | 2 | -         | 0 | 375     | 2025-01-10 | false
            2025 | 2025-01-10 | adult SUDDEN_HARDSHIP | 1 | - | 0 | 120    | 2025-01-10 | false
            2026 | 2025-10-10 | adult DIBAO  | 1 | -         | 0 | 40      | 2026-01-01 | true
            2026 | 2025-10-10 | adult UNSTABLE_EXIT | 2 | - | 0 | 375     | 2026-01-01 | true
            2026 | 2025-10-10 | adult DIBAO SEVERE_DISABILITY | 1 | - | 0 | 40 | 2026-01-01 | true
            # exemptions inside a month-after window and with broken years: the exemption's status decides;
            # a newborn of the previous year rests on a Decision (provisional)
            2024 | 2024-01-15 | adult DIBAO  | 1 | -         | 0 | 38      | 2024-01-15 | false
            2026 | 2026-04-20 | adult DIBAO  | 1 | 2024      | 0 | 40      | 2026-04-20 | true
            2026 | 2026-04-20 | adult DIBAO  | 1 | 2024      | 1 | 440     | 2026-04-20 | true
            2026 | 2026-05-20 | born 2026-03-01 | 1 | 2025   | 0 | 400     | 2026-03-01 | false
            2026 | 2026-06-10 | born 2026-03-01 | 1 | -      | 0 | 400     | 2026-09-11 | false
            2026 | 2026-01-20 | born 2025-11-01 | 1 | -      | 0 | 400     | 2026-01-01 | true
            2023 | 2023-07-15 | born 2023-05-01 | 1 | -      | 0 | 350     | 2023-05-01 | false
            2024 | 2024-11-20 | adult TEKUN  | 1 | -         | 0 | 0       | 2024-11-20 | false
            """)
    void quoteAtTheEdgesOfEachYear(int year, String paid, String who, int tier, String covered, int repair,
                                   String payable, String start, boolean provisional) {
        Quotes.Person person = person(who).tier(tier);
        if (covered != null) {
            person = person.covered(covered);
        }
        MemberQuote quote = person.repairs(repair).pays(year, paid);

        if (payable.equals("refused")) {
            assertFalse(quote.eligible(), quote::explanation);
            assertEquals(BigDecimal.ZERO, quote.payable().yuan());
        } else {
            assertTrue(quote.eligible(), quote::reason);
            assertEquals(new BigDecimal(payable), quote.payable().yuan(), quote::explanation);
            assertEquals(LocalDate.parse(start), quote.benefitStart(), quote::explanation);
        }
        assertEquals(provisional, quote.provisional(), quote::explanation);
    }

    @ParameterizedTest(name = "covered {0} for 2026 → broken {1}, continuous {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                  | 1 | 1
            2025                | 0 | 2
            2024                | 1 | 1
            2022 2023 2024 2025 | 0 | 5
            2023 2025 2026      | 0 | 2
            2025 2025 2024      | 0 | 3
            """)
    void brokenAndContinuousYearsFromTheHistory(String covered, int broken, int continuous) {
        MemberQuote quote = Quotes.person().covered(covered).pays(2026, "2025-10-10");

        assertEquals(broken, quote.brokenYears());
        assertEquals(continuous, quote.continuousYears());
        assertEquals(continuous >= 4, quote.rules().stream().anyMatch(r -> r.text().contains("大病保险")));
    }

    @Test
    void explanationSaysTheBrokenYearTheWaitAndWhatRepairWouldSave() {
        MemberQuote quote = Quotes.person().covered("2024").pays(2026, "2025-12-15");

        assertTrue(quote.explanation().contains("2025年断保1年，等待期4个月，2026年4月16日起享受待遇；补缴1年（400元）可减为3个月"),
                quote.explanation());
        assertTrue(quote.rules().stream().anyMatch(r -> r.cite().contains("国办发〔2024〕38号")), quote.rules()::toString);
    }

    @Test
    void aLowIncomePersonPayingInTheEnrolmentPeriodIsToldJanuaryFirstByEveryRuleThatGivesIt() {
        MemberQuote quote = Quotes.person().withCategories("DIBAO").pays(2025, "2024-10-01");

        assertEquals(LocalDate.of(2025, 1, 1), quote.benefitStart());
        List<String> texts = quote.rules().stream().map(canbao.model.AppliedRule::text).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("低保对象") && t.contains("自缴费之日2025年1月1日起")), texts::toString);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("在集中参保期")), texts::toString);
        assertTrue(texts.stream().noneMatch(t -> t.contains("2024年10月1日起享受")), texts::toString);
        assertTrue(quote.provisional(), "the 2025 enrolment period that gave the start too is provisional");
    }

    @Test
    void aCountStoppedOnlyByTheFirstCountedYearRestsOnADecisionAndSaysSo() {
        MemberQuote cut = Quotes.person().covered("2020").pays(2026, "2025-12-15");
        MemberQuote covered = Quotes.person().covered("2024").pays(2026, "2025-12-15");

        assertEquals(1, cut.brokenYears());
        assertTrue(cut.provisional());
        assertTrue(cut.rules().stream().anyMatch(r -> r.provisional() && r.text().startsWith("2025年以前的断保不计入")),
                cut.rules()::toString);
        assertEquals(1, covered.brokenYears());
        assertFalse(covered.provisional(), "2024 covered: the count stopped on a covered year");
    }

    @Test
    void withoutAHistoryTheAnswerSaysSoAndCountsNoBreak() {
        MemberQuote quote = Quotes.person().pays(2026, "2025-12-15");

        assertEquals(0, quote.brokenYears());
        assertEquals(null, quote.continuousYears());
        assertTrue(quote.explanation().contains("未提供参保记录"), quote.explanation());
    }

    @Test
    void provisionalFiguresAreMarkedInTheRulesThatUseThem() {
        MemberQuote quote = Quotes.person().withCategories("DIBAO").pays(2026, "2025-10-10");

        assertTrue(quote.provisional());
        assertTrue(quote.rules().stream().anyMatch(r -> r.provisional() && r.text().contains("资助")),
                quote.rules()::toString);
        assertFalse(quote.rules().stream().filter(r -> r.text().contains("个人缴费标准")).findFirst().orElseThrow()
                .provisional(), "the 2026 standard is confirmed");
        assertTrue(quote.explanation().contains("待区县核定"), quote.explanation());
    }

    @ParameterizedTest(name = "{0}: year being collected {1}, awaited {2}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-08-31 | 2025 | -
            2025-09-01 | 2026 | -
            2025-12-31 | 2026 | -
            2026-01-01 | 2026 | -
            2026-08-31 | 2026 | -
            2026-09-01 | 2026 | 2027
            2026-11-29 | 2026 | 2027
            """)
    void theYearBeingCollectedAndTheOneAwaitedFromTheCounty(String today, int collected, String awaited) {
        PolicyLibrary library = PolicyLibrary.builtIn();

        assertEquals(collected, library.yearBeingCollected(LocalDate.parse(today)));
        assertEquals(awaited.equals("-") ? java.util.Optional.empty() : java.util.Optional.of(Integer.valueOf(awaited)),
                library.awaitedYear(LocalDate.parse(today)));
    }

    /**
     * The ≥ 4 broken-years minimum cannot happen with the shipped tables before 2029 (breaks count from
     * 2025): the 2026 table moved four years on, with its rule as it is.
     */
    @ParameterizedTest(name = "2030, covered {0}, repair {1} → {2} months, from {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026 | 0 | 6 | 2030-03-11
            2026 | 3 | 3 | 2030-01-01
            2025 | 0 | 7 | 2030-04-11
            2025 | 1 | 6 | 2030-03-11
            2025 | 4 | 6 | 2030-03-11
            2024 | 5 | 6 | 2030-03-11
            """)
    void fourOrMoreBrokenYearsWaitAtLeastSixMonthsAfterRepair(String covered, int repair, int months, String start) {
        PolicyTable moved = movedOn(PolicyLibrary.builtIn().table(2026).orElseThrow(), 4);
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);

        MemberQuote quote = engine.quote(moved, Quotes.person().covered(covered).repairs(repair).facts(),
                LocalDate.of(2029, 9, 10));

        assertEquals(months, quote.waitingMonths(), quote::explanation);
        assertEquals(LocalDate.parse(start), quote.benefitStart(), "paid 2029-09-10, not before Jan 1");
        assertEquals(new BigDecimal(400 + 400 * repair), quote.payable().yuan());
    }

    private static PolicyTable movedOn(PolicyTable table, int years) {
        List<PolicyTable.PaymentWindow> windows = table.windows().stream().map(w -> new PolicyTable.PaymentWindow(
                w.start().plusYears(years), w.end() == null ? null : w.end().plusYears(years), w.benefitStart(),
                w.days(), w.status(), w.cite())).toList();
        return new PolicyTable("2026 moved on", table.year() + years, "moved", table.sources(), table.standards(),
                table.fiscalSubsidy(), windows, table.ordinaryDeadline(), table.surcharge(), table.waitingRule(),
                table.newborn(), table.guardianCoverage(), table.lowIncome(), table.employeeTransfer(),
                table.graduate(), table.highestSubsidyWinsCite(), table.categories());
    }

    private static Quotes.Person person(String who) {
        String[] words = who.trim().split(" +");
        if (words[0].equals("born")) {
            return Quotes.person().born(words[1]);
        }
        return Quotes.person().withCategories(java.util.Arrays.copyOfRange(words, 1, words.length));
    }
}
