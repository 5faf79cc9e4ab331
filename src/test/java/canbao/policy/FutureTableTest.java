package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Tier;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A made-up policy year 2031 ({@code policy-extra/2031.json}) whose every parameter differs from the
 * shipped tables: other standards, fiscal subsidy, four windows with each benefit-start rule, 45 days
 * of waiting, a waiting rule of 2 fixed months + 2 per broken year counted from 2027 with a 5-month
 * minimum from 3 broken years, repair at the tier-1 price, a 60-day newborn window, a 2-month
 * employee transfer, another graduate window and an ordinary deadline of Sep 15. If the engine held
 * any policy year, amount or date of its own, one of these would come out wrong.
 */
class FutureTableTest {

    private static final PolicyTable TABLE = PolicyLibrary.fromIndex("policy-extra/index.json",
            FutureTableTest.class.getClassLoader()).table(2031).orElseThrow();
    private static final QuoteEngine ENGINE = new QuoteEngine(Localization.CHINESE);

    @ParameterizedTest(name = "paid {0}, {1}, tier {2}, covered {3}, repair {4} → {5} from {6}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            2030-08-14 | adult           | 1 | -              | 0 | refused | -          | -  | -  | false
            2030-08-15 | adult           | 1 | -              | 0 | 512.5   | 2031-01-01 | 0  | -  | false
            2030-11-30 | adult           | 2 | -              | 0 | 901     | 2031-01-01 | 0  | -  | false
            2030-12-01 | adult           | 1 | -              | 0 | 512.5   | 2031-01-01 | 0  | -  | false
            2031-02-10 | adult           | 1 | -              | 0 | 512.5   | 2031-03-01 | 0  | -  | false
            2031-03-31 | adult           | 1 | -              | 0 | 512.5   | 2031-04-01 | 0  | -  | false
            2031-04-10 | adult           | 1 | -              | 0 | 512.5   | 2031-05-26 | 0  | -  | true
            2031-05-01 | adult           | 1 | -              | 0 | 1289.5  | 2031-06-16 | 0  | -  | true
            2031-06-10 | adult           | 1 | -              | 0 | 1289.5  | 2031-08-11 | 0  | 2  | true
            2031-09-15 | adult           | 1 | -              | 0 | 1289.5  | 2031-11-16 | 0  | 2  | true
            2031-09-16 | adult           | 1 | -              | 0 | refused | -          | 0  | -  | false
            2030-10-01 | adult           | 1 | 2028           | 0 | 512.5   | 2031-04-02 | 2  | 6  | false
            2030-10-01 | adult           | 1 | 2028           | 1 | 1025    | 2031-02-02 | 2  | 4  | false
            2030-10-01 | adult           | 2 | 2028           | 2 | 1926    | 2031-01-01 | 2  | 2  | false
            2030-10-01 | adult           | 1 | 2020           | 0 | 512.5   | 2031-08-02 | 4  | 10 | false
            2030-10-01 | adult           | 1 | 2020           | 4 | 2562.5  | 2031-03-02 | 4  | 5  | false
            2030-10-01 | adult           | 1 | 2026 2030      | 0 | 512.5   | 2031-01-01 | 0  | -  | false
            2031-04-25 | born 2031-03-01 | 1 | -              | 0 | 512.5   | 2031-03-01 | 0  | -  | false
            2031-05-05 | born 2031-03-01 | 1 | -              | 0 | 1289.5  | 2031-06-20 | 0  | -  | true
            2031-11-05 | adult TEKUN     | 1 | -              | 0 | 0       | 2031-11-05 | 0  | -  | false
            2030-10-01 | adult NEW_CATEGORY | 2 | -           | 0 | 800.75  | 2031-01-01 | 0  | -  | false
            """)
    void everyParameterComesFromTheTable(String paid, String who, int tier, String covered, int repair, String payable,
                                         String start, Integer broken, Integer waitingMonths, boolean provisional) {
        Quotes.Person person = person(who).tier(tier);
        if (covered != null) {
            person = person.covered(covered);
        }
        MemberQuote quote = ENGINE.quote(TABLE, person.repairs(repair).facts(), LocalDate.parse(paid));

        if (payable.equals("refused")) {
            assertFalse(quote.eligible(), quote::explanation);
            return;
        }
        assertTrue(quote.eligible(), quote::reason);
        assertEquals(new BigDecimal(payable), quote.payable().yuan(), quote::explanation);
        assertEquals(LocalDate.parse(start), quote.benefitStart(), quote::explanation);
        assertEquals((int) broken, quote.brokenYears());
        assertEquals(waitingMonths, quote.waitingMonths(), quote::explanation);
        assertEquals(provisional, quote.provisional(), quote::explanation);
    }

    @Test
    void repairIsPricedAtTheTierOneStandardAsThisTableSays() {
        MemberQuote quote = ENGINE.quote(TABLE, Quotes.person().tier(2).covered("2028").repairs(2).facts(),
                LocalDate.of(2030, 10, 1));

        assertEquals(new BigDecimal("1025"), quote.repair().yuan(), "2 × 512.5, not 2 × 901");
        assertEquals(2, quote.repairYears());
    }

    @Test
    void continuityNoteFromSixYearsAsThisTableSays() {
        MemberQuote six = ENGINE.quote(TABLE, Quotes.person().covered("2025 2026 2027 2028 2029 2030").facts(),
                LocalDate.of(2030, 10, 1));
        MemberQuote five = ENGINE.quote(TABLE, Quotes.person().covered("2026 2027 2028 2029 2030").facts(),
                LocalDate.of(2030, 10, 1));

        assertEquals(7, six.continuousYears());
        assertEquals(6, five.continuousYears());
        assertTrue(six.rules().stream().anyMatch(r -> r.text().contains("大病保险")), six.rules()::toString);
        assertTrue(five.rules().stream().anyMatch(r -> r.text().contains("大病保险")), five.rules()::toString);
        MemberQuote four = ENGINE.quote(TABLE, Quotes.person().covered("2027 2028 2029 2030").facts(),
                LocalDate.of(2030, 10, 1));
        assertEquals(5, four.continuousYears());
        assertFalse(four.rules().stream().anyMatch(r -> r.text().contains("大病保险")), four.rules()::toString);
    }

    @Test
    void graduateAndEmployeeTransferWindowsComeFromTheTable() {
        MemberQuote graduate = ENGINE.quote(TABLE, Quotes.person().graduated(2031).facts(), LocalDate.of(2031, 8, 20));
        MemberQuote transfer = ENGINE.quote(TABLE, Quotes.person().leftEmployeeInsurance("2031-06-20").facts(),
                LocalDate.of(2031, 8, 20));
        MemberQuote transferTooLate = ENGINE.quote(TABLE, Quotes.person().leftEmployeeInsurance("2031-06-19").facts(),
                LocalDate.of(2031, 8, 20));

        assertEquals(LocalDate.of(2031, 8, 1), graduate.benefitStart());
        assertEquals(LocalDate.of(2031, 8, 20), transfer.benefitStart());
        assertEquals(LocalDate.of(2031, 10, 21), transferTooLate.benefitStart(), "2 months of waiting");
        assertNull(transfer.waitingMonths());
    }

    @Test
    void subsidyAboveTheStandardIsCappedAtTheStandard() {
        MemberQuote quote = ENGINE.quote(TABLE, Quotes.person().withCategories("NEW_CATEGORY").facts(),
                LocalDate.of(2030, 10, 1));

        assertEquals(new BigDecimal("512.5"), quote.subsidy().yuan());
        assertEquals(BigDecimal.ZERO, quote.payable().yuan());
        assertTrue(quote.rules().stream().anyMatch(r -> r.text().contains("按标准512.5元全额资助")),
                quote.rules()::toString);
        assertEquals(Tier.ONE, quote.tier());
    }

    private static Quotes.Person person(String who) {
        String[] words = who.split(" ");
        Quotes.Person person = words[0].equals("born") ? Quotes.person().born(words[1]) : Quotes.person();
        return words.length > 1 && !words[0].equals("born") ? person.withCategories(words[1]) : person;
    }
}
