package canbao.model;

import java.time.LocalDate;
import java.util.List;

/**
 * What one person pays for one policy year and from when they are covered.
 *
 * <p>For an ineligible person ({@code eligible == false}) the standard and subsidy are shown for
 * information, nothing is payable, there is no benefit period, and {@code reason} says why.
 *
 * @param subsidyCategory the category whose subsidy was granted (highest wins), or null
 * @param payable what the person pays: standard − subsidy + surcharge + repair
 * @param waitingDays days of the policy year after the payment during which the person is not yet
 *                    covered; null when not eligible
 * @param brokenYears 断保年数 before the quoted year under the table's waiting rule (0 without history)
 * @param waitingMonths the months of the month-based waiting period when it gave the start, else null
 * @param repairYears broken years paid back (补缴) with this payment
 * @param repair what the repaired years cost, included in {@code payable}
 * @param continuousYears consecutive covered years ending with the quoted year (counting it); null
 *                        when the history was not given
 * @param provisional whether any figure that decided the answer is provisional (待区县核定)
 */
public record MemberQuote(
        boolean eligible,
        Tier tier,
        Money standard,
        Money subsidy,
        String subsidyCategory,
        Money surcharge,
        Money payable,
        LocalDate benefitStart,
        LocalDate benefitEnd,
        Integer waitingDays,
        int brokenYears,
        Integer waitingMonths,
        int repairYears,
        Money repair,
        Integer continuousYears,
        boolean provisional,
        List<AppliedRule> rules,
        String reason,
        String explanation) {

    public MemberQuote {
        rules = List.copyOf(rules);
    }
}
