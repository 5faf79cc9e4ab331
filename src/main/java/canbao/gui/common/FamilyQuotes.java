package canbao.gui.common;

import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import canbao.model.Validated;
import canbao.policy.FamilyTotals;
import canbao.policy.PersonFacts;
import canbao.policy.PolicyTable;
import canbao.policy.QuoteEngine;
import canbao.policy.QuoteRequestValidator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Re-quotes a family's rows with the engine and adds up what they pay, and what the whole family
 * would pay on 一档 and on 二档. Both the household and the quick-quote screens use it.
 */
public final class FamilyQuotes {

    private final QuoteRequestValidator validator;
    private final QuoteEngine engine;
    private final Locale locale;

    public FamilyQuotes(QuoteRequestValidator validator, QuoteEngine engine, Locale locale) {
        this.validator = validator;
        this.engine = engine;
        this.locale = locale;
    }

    /**
     * @param paid what the rows already enrolled paid (their stored quotes), not part of {@code payable}
     * @param provisional whether any row's quote rests on a provisional figure (待区县核定)
     */
    public record Totals(Money payable, Money allOnTierOne, Money allOnTierTwo, Money paid, boolean provisional) {
    }

    /** Rows marked as already enrolled keep their stored figures and add nothing. */
    public Totals requote(List<MemberRow> rows, PolicyTable table, LocalDate date) {
        List<MemberQuote> quotes = new ArrayList<>();
        List<PersonFacts> quoted = new ArrayList<>();
        List<MemberQuote> enrolled = new ArrayList<>();
        boolean provisional = false;
        for (MemberRow row : rows) {
            if (row.isEnrolled()) {
                enrolled.add(row.quote());
                continue;
            }
            if (row.enrolledIn() != null || row.isCancelled()) {
                continue; // enrolled in another household, or cancelled (作废): not this family's to pay now
            }
            if (table == null || date == null) {
                row.setQuote(null);
                continue;
            }
            Validated<PersonFacts> facts = validator.validateMember(row.draft(), table, date);
            if (!facts.isValid()) {
                row.setQuote(null);
                row.noteProperty().set(facts.problems().get(0).describe(locale));
                continue;
            }
            row.noteProperty().set(null);
            MemberQuote quote = engine.quote(table, facts.value(), date);
            row.setQuote(quote);
            provisional |= quote.provisional();
            quotes.add(quote);
            quoted.add(facts.value());
        }
        return new Totals(FamilyTotals.payable(quotes), FamilyTotals.allOn(Tier.ONE, engine, table, quoted, date),
                FamilyTotals.allOn(Tier.TWO, engine, table, quoted, date), FamilyTotals.payable(enrolled), provisional);
    }

    /** The selected member's quote as a clerk reads it aloud, with each rule and its notice. */
    public static String explain(MemberRow row) {
        if (row == null || row.quote() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(row.quote().explanation()).append('\n');
        row.quote().rules().forEach(rule -> text.append(rule.provisional() ? "※ " : "· ").append(rule.text())
                .append("（").append(rule.cite()).append("）\n"));
        return text.toString();
    }
}
