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
 * @param waitingDays days of the policy year after the payment during which the person is not yet
 *                    covered; null when not eligible
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
        List<AppliedRule> rules,
        String reason,
        String explanation) {

    public MemberQuote {
        rules = List.copyOf(rules);
    }
}
