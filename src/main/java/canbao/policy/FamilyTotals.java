package canbao.policy;

import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;

/**
 * What a family pays together, and the 一档/二档 comparison (the whole family on one tier): one home
 * for the {@code quote} command's household total, the household and quick-quote screens and the 续保
 * worklist. A member the table does not let enrol (not eligible) adds nothing.
 */
public final class FamilyTotals {

    private FamilyTotals() {
    }

    /** What the eligible quotes pay together; a member not quoted (null) adds nothing. */
    public static Money payable(Collection<MemberQuote> quotes) {
        return quotes.stream().filter(Objects::nonNull).filter(MemberQuote::eligible).map(MemberQuote::payable)
                .reduce(Money.ZERO, Money::plus);
    }

    /** What the family would pay with every member on {@code tier}, each quoted on it at {@code date}. */
    public static Money allOn(Tier tier, QuoteEngine engine, PolicyTable table, Collection<PersonFacts> members,
                              LocalDate date) {
        return payable(members.stream().map(person -> engine.quote(table, person.withTier(tier), date)).toList());
    }
}
