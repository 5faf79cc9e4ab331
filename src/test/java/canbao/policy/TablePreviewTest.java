package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Money;
import canbao.model.Tier;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The preview's differences are the figures changed, exact to the fen, and nothing else. */
class TablePreviewTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 10, 20);
    private final TablePreview preview = new TablePreview(new QuoteEngine(Localization.CHINESE), Localization.CHINESE);
    private final PolicyTable table2026 = PolicyLibrary.builtIn().table(2026).orElseThrow();

    private static TablePreview.Row row(List<TablePreview.Row> rows, String person, Tier tier) {
        return rows.stream().filter(r -> r.person().equals(person) && r.tier() == tier).findFirst().orElseThrow();
    }

    @Test
    void anUnchangedDraftChangesNothingForAnySample() {
        PolicyTable draft = TableDraftTest.draft2027().check().table();

        List<TablePreview.Row> rows = preview.compare(table2026, draft);

        // both tiers, every category on both tiers, newborn, late payer, broken year with and without repair
        assertEquals(2 + 2 * table2026.categories().size() + 4, rows.size());
        for (TablePreview.Row row : rows) {
            assertFalse(row.changed(), row.person() + " " + row.tier());
            assertEquals(Integer.valueOf(0), row.startShiftDays(), row.person());
        }
        TablePreview.Row broken = row(rows, "上一年度断保1年（集中参保期缴费）", Tier.ONE);
        assertEquals(1, broken.before().brokenYears());
        assertEquals(1, broken.after().brokenYears());
    }

    @Test
    void aNewTierOneStandardChangesEveryTierOnePersonByTheDifferenceAndNoTierTwoPerson() {
        TableDraft draft = TableDraftTest.draft2027();
        draft.set("standards.tier1", "452.50", "王芳", TODAY, null);
        PolicyTable table2027 = draft.check().table();
        Money raise = table2027.standard(Tier.ONE).minus(table2026.standard(Tier.ONE));
        assertEquals(5250, raise.fen());

        List<TablePreview.Row> rows = preview.compare(table2026, table2027);

        for (TablePreview.Row row : rows) {
            if (row.tier() == Tier.TWO) {
                assertFalse(row.changed(), row.person());
                continue;
            }
            // a subsidy at most the standard: the full subsidies (特困, 孤儿, 老复员军人) stay at last year's 400
            Money expected = raise.plus(new Money(raise.fen() * row.after().repairYears()));
            assertEquals(expected, row.payableDifference(), row.person());
            assertEquals(row.after().payable().minus(row.before().payable()), row.payableDifference());
            assertTrue(row.changed(), row.person());
            assertEquals(Integer.valueOf(0), row.startShiftDays(), row.person());
        }
        TablePreview.Row repaired = row(rows, "上一年度断保1年，补缴1年（集中参保期缴费）", Tier.ONE);
        assertEquals(1, repaired.after().repairYears());
        assertEquals(new Money(raise.fen() * 2), repaired.payableDifference());
    }

    @Test
    void aLongerFixedWaitMovesTheLatePayersStartAndWaitingMonthsOnly() {
        TableDraft draft = TableDraftTest.draft2027();
        draft.set("waitingRule.fixedMonths", "4", "王芳", TODAY, null);
        PolicyTable table2027 = draft.check().table();

        List<TablePreview.Row> rows = preview.compare(table2026, table2027);

        TablePreview.Row late = row(rows, "年中参保（7月15日缴费）", Tier.ONE);
        LocalDate paid = LocalDate.of(2027, 7, 15);
        LocalDate oldStart = paid.plusMonths(table2026.waitingRule().fixedMonths()).plusDays(1);
        LocalDate newStart = paid.plusMonths(table2027.waitingRule().fixedMonths()).plusDays(1);
        assertEquals(newStart, late.after().benefitStart());
        assertEquals(Integer.valueOf((int) ChronoUnit.DAYS.between(oldStart, newStart)), late.startShiftDays());
        assertTrue(late.waitingChanged());
        assertTrue(late.payableDifference().isZero());
        assertTrue(late.changed());
        // paid in the enrolment period with no broken year: no wait under either table
        assertFalse(row(rows, "普通居民（集中参保期缴费）", Tier.ONE).changed());
        // a newborn within its days does not wait at all
        assertFalse(row(rows, "新生儿（3月1日出生，5月20日缴费）", Tier.ONE).changed());
    }

    @Test
    void aDeadlineThatRefusesThePaymentIsFlaggedAsAChangeOfAnswer() {
        TableDraft draft = TableDraftTest.draft2027();
        // the last window closes before Jul 15: a mid-year payment is refused in 2027
        draft.set("paymentWindows[2].end", "2027-06-30", "王芳", TODAY, null);
        PolicyTable table2027 = draft.check().table();

        TablePreview.Row late = row(preview.compare(table2026, table2027), "年中参保（7月15日缴费）", Tier.ONE);

        assertTrue(late.before().eligible());
        assertFalse(late.after().eligible());
        assertTrue(late.eligibilityChanged());
        assertNull(late.startShiftDays());
        assertEquals(Money.ZERO.minus(late.before().payable()), late.payableDifference());
    }
}
