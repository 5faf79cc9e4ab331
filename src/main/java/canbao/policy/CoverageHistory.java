package canbao.policy;

import java.util.SortedSet;

/**
 * What a person's coverage history means for a policy year (POLICY.md, "The 2025 waiting rule"):
 * broken years (断保年数) and continuous years (连续参保年数). One home for both, used by the request
 * checks (a repair may not exceed the broken years) and by the quote engine.
 */
public final class CoverageHistory {

    private CoverageHistory() {
    }

    /**
     * The consecutive policy years right before {@code quotedYear} missing from {@code covered},
     * counting only years from the table's waiting rule's first counted year on and none before the
     * person's birth year. Zero when the history was not given or the table has no waiting rule.
     */
    public static int brokenYears(PolicyTable table, int birthYear, SortedSet<Integer> covered) {
        PolicyTable.WaitingRule rule = table.waitingRule();
        if (covered == null || rule == null) {
            return 0;
        }
        int broken = 0;
        for (int year = table.year() - 1; year >= rule.firstCountedYear() && year >= birthYear; year--) {
            if (covered.contains(year)) {
                break;
            }
            broken++;
        }
        return broken;
    }

    /**
     * Whether the broken years stop only because of the rule's first counted year (POLICY.md Decision:
     * breaks before the rule took effect are not penalised): the year before it is missing too and
     * not before the person's birth year. The answer then rests on that Decision.
     */
    public static boolean cutByFirstCountedYear(PolicyTable table, int birthYear, SortedSet<Integer> covered) {
        PolicyTable.WaitingRule rule = table.waitingRule();
        if (covered == null || rule == null) {
            return false;
        }
        int broken = brokenYears(table, birthYear, covered);
        int stoppedAt = table.year() - 1 - broken;
        return stoppedAt < rule.firstCountedYear() && stoppedAt >= birthYear && !covered.contains(stoppedAt);
    }

    /** Consecutive covered years ending with the quoted year, counting it; null when the history was not given. */
    public static Integer continuousYears(int quotedYear, SortedSet<Integer> covered) {
        if (covered == null) {
            return null;
        }
        int years = 1;
        while (covered.contains(quotedYear - years)) {
            years++;
        }
        return years;
    }
}
