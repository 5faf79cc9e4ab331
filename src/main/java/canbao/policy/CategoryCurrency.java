package canbao.policy;

import java.time.LocalDate;

/**
 * Whether a category a person held last year still stands for a renewal for the year {@code table}
 * governs (续保, README Decisions): listed by the year's table, and certified (认定日期) no earlier than
 * Jan 1 of the year before — the ledger (台账) has confirmed it for last season or this one. A category
 * entered at the counter without a date stands (the clerk saw the certificate). One home for the rule:
 * the worklist shows it, the renewal keeps only the categories it lets stand.
 */
public final class CategoryCurrency {

    public enum Status {
        /** Stands: the renewal keeps it. */
        CURRENT,
        /** Stands, but the year's table gives it no subsidy on either tier (e.g. 稳定脱贫人口 from 2024). */
        NO_SUBSIDY,
        /** The year's table does not list the category any more: the renewal drops it. */
        NOT_LISTED,
        /** Certified before Jan 1 of the year before: not confirmed by a recent ledger; the renewal drops it. */
        LAPSED;

        public boolean stands() {
            return this == CURRENT || this == NO_SUBSIDY;
        }

        public String messageKey() {
            return "renewal.category." + name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private CategoryCurrency() {
    }

    /** The first certification date that still stands for {@code table}'s year. */
    public static LocalDate earliestStanding(PolicyTable table) {
        return LocalDate.of(table.year() - 1, 1, 1);
    }

    public static Status of(PolicyTable table, String code, LocalDate certifiedOn) {
        PolicyTable.Category category = table.categories().get(code);
        if (category == null) {
            return Status.NOT_LISTED;
        }
        if (certifiedOn != null && certifiedOn.isBefore(earliestStanding(table))) {
            return Status.LAPSED;
        }
        return category.tier1() == null && category.tier2() == null ? Status.NO_SUBSIDY : Status.CURRENT;
    }
}
