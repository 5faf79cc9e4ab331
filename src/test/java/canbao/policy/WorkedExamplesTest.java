package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.MemberQuote;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worked examples of ../shared/POLICY.md, both parts, row for row. */
class WorkedExamplesTest {

    @ParameterizedTest(name = "{0} paid {1}, {2}, tier {3}, {4} → {5} from {6}")
    @CsvSource(delimiter = '|', nullValues = "—", textBlock = """
            2022 | 2022-01-10 | adult           | 1 | -                        | 320 | 2022-01-01
            2022 | 2022-02-20 | adult           | 1 | DIBAO SEVERE_DISABILITY  | 32  | 2022-01-01
            2022 | 2022-07-15 | adult           | 1 | -                        | 900 | 2022-10-14
            2022 | 2022-08-01 | adult           | 1 | DIBAO                    | 32  | 2022-08-01
            2022 | 2022-05-20 | born 2022-03-01 | 1 | -                        | 320 | 2022-03-01
            2021 | 2021-01-15 | adult           | 1 | -                        | 280 | 2021-02-01
            2021 | 2020-12-10 | adult           | 1 | FP_PARENT POOR_NOT_EXITED| 56  | 2021-01-01
            """)
    void workedExampleMatchesPolicy(int year, String paid, String who, int tier, String categories, String payable,
                                    String benefitStart) {
        MemberQuote quote = person(who).tier(tier).categoriesText(categories).pays(year, paid);

        assertTrue(quote.eligible(), quote::reason);
        assertEquals(new BigDecimal(payable), quote.payable().yuan());
        assertEquals(LocalDate.parse(benefitStart), quote.benefitStart());
        assertEquals(LocalDate.of(year, 12, 31), quote.benefitEnd());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2022 | 2022-10-08 | 2022年9月30日
            """)
    void workedExampleRefusesPaymentAfterClosure(int year, String paid, String closedOn) {
        MemberQuote quote = Quotes.person().pays(year, paid);

        assertFalse(quote.eligible());
        assertNotNull(quote.reason());
        assertTrue(quote.reason().contains(closedOn), quote.reason());
        assertNull(quote.benefitStart());
        assertEquals(BigDecimal.ZERO, quote.payable().yuan());
    }

    /** POLICY.md, "The 2025 waiting rule", worked examples of the 2025 and 2026 tables. */
    @ParameterizedTest(name = "{0} paid {1}, {2}, tier {3}, covered {4}, repair {5} → {6} from {7}")
    @CsvSource(delimiter = '|', nullValues = "(none given)", textBlock = """
            2025 | 2024-12-10 | adult        | 1 | (none given) | 0 | 400 | 2025-01-01 | 0 | —
            2025 | 2025-02-10 | adult        | 1 | [2024]       | 0 | 400 | 2025-03-01 | 0 | —
            2025 | 2025-03-10 | adult        | 1 | [2024]       | 0 | 400 | 2025-06-11 | 0 | 3
            2025 | 2025-03-10 | adult        | 2 | [2024]       | 0 | 775 | 2025-06-11 | 0 | 3
            2025 | 2025-04-20 | adult        | 1 | (none given) | 0 | 400 | 2025-07-21 | 0 | 3
            2025 | 2025-04-20 | adult DIBAO  | 1 | (none given) | 0 | 40  | 2025-04-20 | 0 | —
            2026 | 2025-12-15 | adult        | 1 | [2024]       | 0 | 400 | 2026-04-16 | 1 | 4
            2026 | 2025-12-15 | adult        | 1 | [2024]       | 1 | 800 | 2026-03-16 | 1 | 3
            2026 | 2025-12-15 | adult        | 1 | [2024, 2025] | 0 | 400 | 2026-01-01 | 0 | —
            """)
    void waitingRuleExampleMatchesPolicy(int year, String paid, String who, int tier, String covered, int repair,
                                         String payable, String benefitStart, int brokenYears, String waitingMonths) {
        Quotes.Person person = Quotes.person().tier(tier).categoriesText(who.replace("adult", ""));
        if (covered != null) {
            person = person.covered(covered);
        }
        MemberQuote quote = person.repairs(repair).pays(year, paid);

        assertTrue(quote.eligible(), quote::reason);
        assertEquals(new BigDecimal(payable), quote.payable().yuan());
        assertEquals(LocalDate.parse(benefitStart), quote.benefitStart());
        assertEquals(brokenYears, quote.brokenYears());
        assertEquals(waitingMonths.equals("—") ? null : Integer.valueOf(waitingMonths), quote.waitingMonths());
        assertEquals(covered == null, quote.continuousYears() == null, "continuity only with a history");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            2025 | 2025-11-30 | 2026年3月1日
            """)
    void waitingRuleRefusesAStartAfterTheYearEnd(int year, String paid, String startWouldBe) {
        MemberQuote quote = Quotes.person().pays(year, paid);

        assertFalse(quote.eligible());
        assertTrue(quote.reason().contains(startWouldBe), quote.reason());
        assertEquals(BigDecimal.ZERO, quote.payable().yuan());
    }

    private static Quotes.Person person(String who) {
        return who.startsWith("born ") ? Quotes.person().born(who.substring(5)) : Quotes.person();
    }
}
