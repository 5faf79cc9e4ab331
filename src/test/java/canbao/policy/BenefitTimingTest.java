package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.MemberQuote;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every timing rule of POLICY.md at its boundaries: first/last day of the enrolment period,
 * Feb 28/Mar 1, Jun 30/Jul 1, Sep 30/Oct 1, day 90/91 after birth, 3 months after leaving
 * employee insurance, the graduate window, and the 2021 rules.
 *
 * <p>"who": {@code adult} (born 1980), {@code born DATE}, {@code left-employee DATE},
 * {@code graduate YEAR}, combinable. Expected: payable, surcharge, benefit start and waiting days.
 */
class BenefitTimingTest {

    @ParameterizedTest(name = "[{index}] {0}: paid {1}, {2}, tier {3}, {4} → pays {5} (surcharge {6}) from {7}, waits {8}")
    @CsvSource(delimiter = '|', textBlock = """
            # --- 2022: enrolment period 2021-12-01 … 2022-02-28 covers from Jan 1
            2022 | 2021-12-01 | adult                     | 1 | -      | 320 | 0   | 2022-01-01 | 0
            2022 | 2022-02-28 | adult                     | 2 | -      | 695 | 0   | 2022-01-01 | 0
            2022 | 2021-12-10 | adult                     | 1 | TEKUN  | 0   | 0   | 2022-01-01 | 0
            # --- from Mar 1: 90-day waiting period, covered from payment + 91 days
            2022 | 2022-03-01 | adult                     | 1 | -      | 320 | 0   | 2022-05-31 | 90
            2022 | 2022-06-30 | adult                     | 1 | -      | 320 | 0   | 2022-09-29 | 90
            # --- after Jun 30 the 580 fiscal subsidy is a surcharge
            2022 | 2022-07-01 | adult                     | 1 | -      | 900 | 580 | 2022-09-30 | 90
            2022 | 2022-07-01 | adult                     | 2 | -      | 1275| 580 | 2022-09-30 | 90
            2022 | 2022-09-30 | adult                     | 1 | -      | 900 | 580 | 2022-12-30 | 90
            2022 | 2022-09-30 | adult                     | 1 | STABLE_EXIT | 800 | 580 | 2022-12-30 | 90
            # --- newborns: within 90 days of birth (payment <= birth + 90) covered from birth, no surcharge
            2022 | 2022-05-30 | born 2022-03-01           | 1 | -      | 320 | 0   | 2022-03-01 | 0
            2022 | 2022-05-31 | born 2022-03-01           | 1 | -      | 320 | 0   | 2022-08-30 | 90
            2022 | 2022-08-01 | born 2022-06-15           | 1 | -      | 320 | 0   | 2022-06-15 | 0
            2022 | 2022-09-13 | born 2022-06-15           | 2 | -      | 695 | 0   | 2022-06-15 | 0
            2022 | 2022-09-14 | born 2022-06-15           | 1 | -      | 900 | 580 | 2022-12-14 | 90
            2022 | 2022-12-20 | born 2022-10-01           | 1 | -      | 320 | 0   | 2022-10-01 | 0
            2022 | 2023-01-15 | born 2022-11-20           | 1 | -      | 320 | 0   | 2022-11-20 | 0
            2022 | 2022-02-20 | born 2022-01-10           | 1 | -      | 320 | 0   | 2022-01-10 | 0
            2022 | 2022-01-05 | born 2022-01-02           | 1 | DIBAO  | 32  | 0   | 2022-01-02 | 0
            # --- Decision: a December baby paying the next year within 90 days is a newborn for it too
            2022 | 2022-03-20 | born 2021-12-20           | 1 | -      | 320 | 0   | 2022-01-01 | 0
            2022 | 2022-03-21 | born 2021-12-20           | 1 | -      | 320 | 0   | 2022-06-20 | 90
            2022 | 2022-01-05 | born 2021-12-10           | 1 | -      | 320 | 0   | 2022-01-01 | 0
            # --- low-income population: no waiting period, no surcharge, may enrol until Dec 31
            2022 | 2022-03-01 | adult                     | 1 | DIBAO  | 32  | 0   | 2022-03-01 | 0
            2022 | 2022-04-10 | adult                     | 2 | DIBAO_EDGE | 375 | 0 | 2022-04-10 | 0
            2022 | 2022-07-01 | adult                     | 1 | SUDDEN_HARDSHIP | 96 | 0 | 2022-07-01 | 0
            2022 | 2022-10-01 | adult                     | 1 | TEKUN  | 0   | 0   | 2022-10-01 | 0
            2022 | 2022-10-15 | adult                     | 1 | ORPHAN | 0   | 0   | 2022-10-15 | 0
            2022 | 2022-12-31 | adult                     | 1 | RETURNED_POVERTY | 96 | 0 | 2022-12-31 | 0
            2022 | 2022-08-01 | adult                     | 1 | UNSTABLE_EXIT EDGE_POVERTY | 96 | 0 | 2022-08-01 | 0
            # --- other categories are not low-income: waiting period and surcharge apply
            2022 | 2022-07-15 | adult                     | 1 | SEVERE_DISABILITY | 676 | 580 | 2022-10-14 | 90
            # --- left employee insurance within 3 months: no waiting period (surcharge still applies)
            2022 | 2022-04-01 | left-employee 2022-02-15  | 1 | -      | 320 | 0   | 2022-04-01 | 0
            2022 | 2022-08-10 | left-employee 2022-05-10  | 1 | -      | 900 | 580 | 2022-08-10 | 0
            2022 | 2022-08-11 | left-employee 2022-05-10  | 1 | -      | 900 | 580 | 2022-11-10 | 90
            2022 | 2022-08-31 | left-employee 2022-05-31  | 1 | -      | 900 | 580 | 2022-08-31 | 0
            2022 | 2022-09-30 | left-employee 2022-09-30  | 1 | -      | 900 | 580 | 2022-09-30 | 0
            2022 | 2022-02-20 | left-employee 2022-01-31  | 1 | -      | 320 | 0   | 2022-01-01 | 0
            # --- graduates enrolling Sep 1 … Dec 1 of the graduation year: covered from Sep 1, no surcharge
            2022 | 2022-08-31 | graduate 2022             | 1 | -      | 900 | 580 | 2022-11-30 | 90
            2022 | 2022-09-01 | graduate 2022             | 1 | -      | 320 | 0   | 2022-09-01 | 0
            2022 | 2022-10-10 | graduate 2022             | 2 | -      | 695 | 0   | 2022-09-01 | 0
            2022 | 2022-12-01 | graduate 2022             | 1 | -      | 320 | 0   | 2022-09-01 | 0
            2022 | 2022-09-15 | graduate 2021             | 1 | -      | 900 | 580 | 2022-12-15 | 90
            2022 | 2022-10-10 | graduate 2022             | 1 | DIBAO  | 32  | 0   | 2022-09-01 | 0
            # --- several rules: earliest start, no surcharge if any waives it
            2022 | 2022-05-01 | born 2022-03-01           | 1 | DIBAO  | 32  | 0   | 2022-03-01 | 0
            2022 | 2022-07-20 | born 2022-06-01 left-employee 2022-07-01 | 1 | - | 320 | 0 | 2022-06-01 | 0
            2022 | 2022-09-20 | graduate 2022 left-employee 2022-08-01 | 1 | - | 320 | 0 | 2022-09-01 | 0
            # --- 2021: period 2020-11-02 … 2020-12-20, then 1st of next month until Feb 28, then +91 days
            2021 | 2020-11-02 | adult                     | 1 | -      | 280 | 0   | 2021-01-01 | 0
            2021 | 2020-12-20 | adult                     | 2 | -      | 655 | 0   | 2021-01-01 | 0
            2021 | 2020-12-21 | adult                     | 1 | -      | 280 | 0   | 2021-01-01 | 0
            2021 | 2021-01-01 | adult                     | 1 | -      | 280 | 0   | 2021-02-01 | 30
            2021 | 2021-01-31 | adult                     | 1 | -      | 280 | 0   | 2021-02-01 | 0
            2021 | 2021-02-01 | adult                     | 1 | -      | 280 | 0   | 2021-03-01 | 27
            2021 | 2021-02-28 | adult                     | 1 | -      | 280 | 0   | 2021-03-01 | 0
            2021 | 2021-03-01 | adult                     | 1 | -      | 280 | 0   | 2021-05-31 | 90
            2021 | 2021-08-01 | adult                     | 1 | -      | 280 | 0   | 2021-10-31 | 90
            2021 | 2021-10-01 | adult                     | 1 | -      | 280 | 0   | 2021-12-31 | 90
            2021 | 2021-07-30 | born 2021-05-01           | 1 | -      | 280 | 0   | 2021-05-01 | 0
            2021 | 2021-07-31 | born 2021-05-01           | 1 | -      | 280 | 0   | 2021-10-30 | 90
            2021 | 2022-02-15 | born 2021-12-10           | 1 | -      | 280 | 0   | 2021-12-10 | 0
            2021 | 2021-01-20 | born 2020-12-25           | 1 | -      | 280 | 0   | 2021-01-01 | 0
            # --- 2021 has no exemption but newborns: low-income, employee, graduate all wait
            2021 | 2021-05-01 | adult                     | 1 | DIBAO  | 0   | 0   | 2021-07-31 | 90
            2021 | 2021-05-01 | left-employee 2021-04-01  | 1 | -      | 280 | 0   | 2021-07-31 | 90
            2021 | 2021-09-10 | graduate 2021             | 1 | -      | 280 | 0   | 2021-12-10 | 90
            """)
    void eligiblePaymentIsQuotedAsPolicySays(int year, String paid, String who, int tier, String categories,
                                             int payable, int surcharge, String start, int waitingDays) {
        MemberQuote quote = person(who).tier(tier).categoriesText(categories).pays(year, paid);

        assertTrue(quote.eligible(), quote::reason);
        assertEquals(BigDecimal.valueOf(payable), quote.payable().yuan(), "payable");
        assertEquals(BigDecimal.valueOf(surcharge), quote.surcharge().yuan(), "surcharge");
        assertEquals(LocalDate.parse(start), quote.benefitStart(), "benefit start");
        assertEquals(LocalDate.of(year, 12, 31), quote.benefitEnd(), "benefit end");
        assertEquals(waitingDays, quote.waitingDays(), "waiting days");
        assertEquals(quote.standard().minus(quote.subsidy()).plus(quote.surcharge()), quote.payable());
    }

    @ParameterizedTest(name = "[{index}] {0}: paid {1}, {2}, {3} → refused: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # before the enrolment period opens
            2022 | 2021-11-30 | adult                    | -      | 2021年12月1日开始
            2022 | 2021-11-30 | born 2021-10-15          | -      | 2021年12月1日开始
            2021 | 2020-11-01 | adult                    | -      | 2020年11月2日开始
            # ordinary late enrolment closes after Sep 30
            2022 | 2022-10-01 | adult                    | -      | 2022年9月30日截止
            2022 | 2022-10-01 | adult                    | STABLE_EXIT | 2022年9月30日截止
            2022 | 2022-10-01 | left-employee 2022-09-15 | -      | 2022年9月30日截止
            2022 | 2022-10-01 | born 2022-06-15          | -      | 2022年9月30日截止
            # exemptions end too: low-income Dec 31, graduates Dec 1
            2022 | 2023-01-01 | adult                    | DIBAO  | 2022年12月31日截止
            2022 | 2022-12-02 | graduate 2022            | -      | 2022年12月1日截止
            2022 | 2023-01-10 | born 2023-01-02          | -      | 截止
            # 2021: coverage would start after Dec 31 (any ordinary payment after Oct 1)
            2021 | 2021-10-02 | adult                    | -      | 2022年1月1日
            2021 | 2021-12-31 | adult                    | DIBAO  | 2022年4月1日
            2021 | 2022-01-01 | adult                    | -      | 2021年12月31日截止
            """)
    void paymentOutsideTheRulesIsRefusedWithReason(int year, String paid, String who, String categories,
                                                   String reasonMentions) {
        MemberQuote quote = person(who).categoriesText(categories).pays(year, paid);

        assertFalse(quote.eligible());
        assertTrue(quote.reason().contains(reasonMentions), quote.reason());
        assertEquals(BigDecimal.ZERO, quote.payable().yuan());
        assertEquals(BigDecimal.ZERO, quote.surcharge().yuan());
        assertNull(quote.benefitStart());
        assertNull(quote.benefitEnd());
        assertNull(quote.waitingDays());
        assertEquals(quote.reason(), quote.rules().get(quote.rules().size() - 1).text());
    }

    @Test
    void newbornQuoteCitesTheNewbornRuleAndNotTheWaitingPeriodItEscaped() {
        MemberQuote quote = Quotes.person().born("2022-03-01").pays(2022, "2022-05-20");

        assertTrue(quote.rules().stream().anyMatch(r -> r.cite().equals("渝医保发〔2021〕70号 二")
                && r.text().contains("新生儿")), quote.rules()::toString);
        assertTrue(quote.rules().stream().noneMatch(r -> r.text().contains("等待期90天")), quote.rules()::toString);
    }

    @Test
    void waivedSurchargeNamesTheRuleThatWaivedIt() {
        MemberQuote quote = Quotes.person().withCategories("DIBAO").pays(2022, "2022-08-01");

        assertTrue(quote.rules().stream().anyMatch(r -> r.text().contains("580") && r.text().contains("免予加收")),
                quote.rules()::toString);
        assertTrue(quote.rules().stream().anyMatch(r -> r.cite().equals("潼医保发〔2021〕26号 三（四）")),
                quote.rules()::toString);
    }

    @Test
    void explanationReadsAloudWhatIsPaidAndWhenCoverStarts() {
        MemberQuote quote = Quotes.person().pays(2022, "2022-07-15");

        assertEquals("应缴900元，一档标准320元，加收财政补助部分580元，缴费后等待90天，"
                + "待遇享受期2022年10月14日至2022年12月31日。", quote.explanation());
    }

    @Test
    void surchargeRuleCitesTheDeadlineNotice() {
        MemberQuote quote = Quotes.person().pays(2022, "2022-07-15");

        assertTrue(quote.rules().stream().anyMatch(r -> r.cite().equals("兴义府发〔2022〕3号 三（一）")
                && r.text().contains("580")), quote.rules()::toString);
    }

    static Quotes.Person person(String who) {
        Quotes.Person person = Quotes.person();
        String[] words = who.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            switch (words[i]) {
                case "adult" -> { }
                case "born" -> person = person.born(words[++i]);
                case "left-employee" -> person = person.leftEmployeeInsurance(words[++i]);
                case "graduate" -> person = person.graduated(Integer.parseInt(words[++i]));
                default -> throw new IllegalArgumentException("unknown word in test table: " + words[i]);
            }
        }
        return person;
    }
}
