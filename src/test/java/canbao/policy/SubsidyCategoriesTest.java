package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.MemberQuote;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every category of POLICY.md on both tiers in both years, paid in the enrolment period. The
 * expected subsidies are copied from POLICY.md's table, not from our data files, so a typo in a
 * data file fails here.
 */
class SubsidyCategoriesTest {

    @ParameterizedTest(name = "{0} {1}: tier 1 subsidy {2}, tier 2 subsidy {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2021 | TEKUN               | 280 | 280
            2021 | ORPHAN              | 280 | 280
            2021 | DIBAO               | 280 | 280
            2021 | DIBAO_EDGE          | 0   | 0
            2021 | SEVERE_DISABILITY   | 280 | 280
            2021 | PRIORITY_CARE       | 280 | 280
            2021 | OLD_DEMOBILIZED     | 280 | 655
            2021 | CIVIL_AFFAIRS_OTHER | 280 | 280
            2021 | ILLNESS_POVERTY     | 280 | 280
            2021 | RETURNED_POVERTY    | 0   | 0
            2021 | UNSTABLE_EXIT       | 0   | 0
            2021 | EDGE_POVERTY        | 0   | 0
            2021 | SUDDEN_HARDSHIP     | 0   | 0
            2021 | STABLE_EXIT         | 0   | 0
            2021 | FP_PARENT           | 224 | 224
            2021 | FP_SPECIAL          | 280 | 280
            2021 | POOR_NOT_EXITED     | 196 | 196
            2021 | POOR_EXITED         | 140 | 140
            2022 | TEKUN               | 320 | 320
            2022 | ORPHAN              | 320 | 320
            2022 | DIBAO               | 288 | 320
            2022 | DIBAO_EDGE          | 224 | 320
            2022 | SEVERE_DISABILITY   | 224 | 320
            2022 | PRIORITY_CARE       | 224 | 320
            2022 | OLD_DEMOBILIZED     | 320 | 695
            2022 | CIVIL_AFFAIRS_OTHER | 224 | 320
            2022 | ILLNESS_POVERTY     | 224 | 320
            2022 | RETURNED_POVERTY    | 224 | 320
            2022 | UNSTABLE_EXIT       | 224 | 320
            2022 | EDGE_POVERTY        | 224 | 320
            2022 | SUDDEN_HARDSHIP     | 224 | 320
            2022 | STABLE_EXIT         | 100 | 100
            2022 | FP_PARENT           | 0   | 0
            2022 | FP_SPECIAL          | 0   | 0
            2022 | POOR_NOT_EXITED     | 0   | 0
            2022 | POOR_EXITED         | 0   | 0
            """)
    void categoryEarnsThePolicySubsidyOnEachTier(int year, String category, int tier1Subsidy, int tier2Subsidy) {
        String paid = year == 2021 ? "2020-12-01" : "2022-01-10";
        int[] standards = year == 2021 ? new int[] {280, 655} : new int[] {320, 695};
        int[] subsidies = {tier1Subsidy, tier2Subsidy};
        for (int tier = 1; tier <= 2; tier++) {
            MemberQuote quote = Quotes.person().tier(tier).withCategories(category).pays(year, paid);
            assertTrue(quote.eligible());
            assertEquals(BigDecimal.valueOf(standards[tier - 1]), quote.standard().yuan(), "standard, tier " + tier);
            assertEquals(BigDecimal.valueOf(subsidies[tier - 1]), quote.subsidy().yuan(), "subsidy, tier " + tier);
            assertEquals(BigDecimal.valueOf(standards[tier - 1] - subsidies[tier - 1]), quote.payable().yuan(),
                    "payable, tier " + tier);
            assertEquals(subsidies[tier - 1] == 0 ? null : category, quote.subsidyCategory());
        }
    }

    @ParameterizedTest(name = "{0} tier {1} {2} → subsidy {3} from {4}")
    @CsvSource(delimiter = '|', textBlock = """
            2022 | 1 | DIBAO SEVERE_DISABILITY          | 288 | DIBAO
            2022 | 1 | SEVERE_DISABILITY DIBAO          | 288 | DIBAO
            2022 | 2 | DIBAO_EDGE OLD_DEMOBILIZED       | 695 | OLD_DEMOBILIZED
            2022 | 1 | STABLE_EXIT EDGE_POVERTY TEKUN   | 320 | TEKUN
            2022 | 1 | STABLE_EXIT DIBAO_EDGE FP_PARENT | 224 | DIBAO_EDGE
            2021 | 1 | POOR_EXITED POOR_NOT_EXITED      | 196 | POOR_NOT_EXITED
            2021 | 2 | FP_PARENT OLD_DEMOBILIZED        | 655 | OLD_DEMOBILIZED
            """)
    void highestSingleSubsidyWinsAndSubsidiesNeverAddUp(int year, int tier, String categories, int subsidy,
                                                         String winner) {
        String paid = year == 2021 ? "2020-12-01" : "2022-01-10";
        MemberQuote quote = Quotes.person().tier(tier).categoriesText(categories).pays(year, paid);

        assertEquals(BigDecimal.valueOf(subsidy), quote.subsidy().yuan());
        assertEquals(winner, quote.subsidyCategory());
        assertTrue(quote.rules().stream().anyMatch(r -> r.text().contains("就高不就低")));
    }

    @Test
    void equalSubsidiesGoToTheCategoryListedFirstInTheTableWhateverTheOrderGiven() {
        MemberQuote oneWay = Quotes.person().tier(2).withCategories("SEVERE_DISABILITY", "DIBAO").pays(2022, "2022-01-10");
        MemberQuote otherWay = Quotes.person().tier(2).withCategories("DIBAO", "SEVERE_DISABILITY").pays(2022, "2022-01-10");

        assertEquals("DIBAO", oneWay.subsidyCategory());
        assertEquals(oneWay, otherWay);
    }

    @Test
    void categoryWithoutSubsidyThatYearIsExplainedNotIgnored() {
        MemberQuote quote = Quotes.person().withCategories("FP_PARENT").pays(2022, "2022-01-10");

        assertEquals(BigDecimal.valueOf(320), quote.payable().yuan());
        assertTrue(quote.rules().stream().anyMatch(r -> r.text().contains("独生子父母") && r.text().contains("没有参保资助")),
                quote.rules()::toString);
    }

    @Test
    void subsidyRuleCitesItsNoticeAndClause() {
        MemberQuote quote = Quotes.person().withCategories("DIBAO").pays(2022, "2022-07-15");

        assertTrue(quote.rules().stream().anyMatch(r -> r.cite().equals("潼医保发〔2021〕26号 二（一）")
                && r.text().contains("288")), quote.rules()::toString);
    }
}
