package canbao.model;

import java.util.List;

/**
 * The quotes of a family's members for one policy year and payment date, and what they pay together
 * (added up by {@code policy.FamilyTotals}).
 */
public record HouseholdQuote(int policyYear, String tableVersion, List<MemberQuote> members, Money total) {

    public HouseholdQuote {
        members = List.copyOf(members);
    }
}
