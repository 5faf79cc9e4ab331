package canbao.model;

import java.util.List;

/** The quotes of a family's members for one policy year and payment date, and what they pay together. */
public record HouseholdQuote(int policyYear, String tableVersion, List<MemberQuote> members, Money total) {

    public HouseholdQuote {
        members = List.copyOf(members);
    }

    public static HouseholdQuote of(int policyYear, String tableVersion, List<MemberQuote> members) {
        Money total = members.stream()
                .filter(MemberQuote::eligible)
                .map(MemberQuote::payable)
                .reduce(Money.ZERO, Money::plus);
        return new HouseholdQuote(policyYear, tableVersion, members, total);
    }
}
