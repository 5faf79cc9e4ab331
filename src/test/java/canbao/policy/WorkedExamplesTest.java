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

/** The worked examples of ../shared/POLICY.md, row for row. */
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

    private static Quotes.Person person(String who) {
        return who.startsWith("born ") ? Quotes.person().born(who.substring(5)) : Quotes.person();
    }
}
