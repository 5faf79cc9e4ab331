package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Money;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Authoring next year's table from this year's: carried figures, the county's entries, the loader's verdict. */
class TableDraftTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 10, 20);

    static byte[] resource(String name) {
        try (InputStream in = TableDraftTest.class.getClassLoader().getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static TableDraft draft2027() {
        return TableDraft.nextYear("policy/2026.json", resource("policy/2026.json"), "2027.json");
    }

    private static PolicyTable load(byte[] bytes) {
        return PolicyTableLoader.read("t", new ByteArrayInputStream(bytes));
    }

    @Test
    void theDraftIsNextYearWithEveryFigureCarriedFromThisYearAndNoneConfirmed() {
        PolicyTable base = PolicyLibrary.builtIn().table(2026).orElseThrow();
        TableDraft draft = draft2027();

        TableDraft.Check check = draft.check();
        assertTrue(check.valid(), () -> check.problem().getMessage());
        PolicyTable table = check.table();
        assertEquals(2027, table.year());
        assertEquals("2027-draft", table.version());
        // no 2027 figure invented: last year's, marked as carried and provisional
        assertEquals(base.standards().tier1(), table.standards().tier1());
        assertEquals(base.standards().tier2(), table.standards().tier2());
        assertEquals(base.fiscalSubsidy().amount(), table.fiscalSubsidy().amount());
        assertEquals(base.categories().keySet(), table.categories().keySet());
        assertTrue(table.standards().status().isProvisional());
        assertTrue(table.standards().cite().startsWith("沿用2026年度（待区县核定）：渝医保发〔2025〕42号"),
                table.standards().cite());
        for (TableDraft.Figure figure : draft.figures()) {
            assertEquals(FigureStatus.PROVISIONAL, figure.status(), figure.path());
            TableDraft.Standing expected = figure.kind() == TableDraft.Kind.NONE
                    || figure.path().equals("waitingRule.firstCountedYear")
                    ? TableDraft.Standing.PROVISIONAL : TableDraft.Standing.CARRIED;
            assertEquals(expected, figure.standing(), figure.path());
            assertNull(figure.confirmedBy(), figure.path());
        }
        // dates of the year a year later; the Decision's first counted year and month-days stay
        assertEquals(List.of(LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 3, 1)),
                table.windows().stream().map(PolicyTable.PaymentWindow::start).toList());
        assertEquals(LocalDate.of(2027, 2, 28), table.windows().get(1).end());
        assertEquals(2025, table.waitingRule().firstCountedYear());
        assertEquals(base.graduate().windowStart(), table.graduate().windowStart());
    }

    @Test
    void aMonthsLastDayStaysItsLastDaySoWindowsStayContiguousInALeapYear() {
        TableDraft draft2028 = TableDraft.nextYear("2027.json", draft2027().bytes(), "2028.json");

        PolicyTable table = draft2028.check().table();
        assertEquals(LocalDate.of(2028, 2, 29), table.windows().get(1).end());
        assertEquals(LocalDate.of(2028, 3, 1), table.windows().get(2).start());
        // the cite says where the figure was carried from, once
        assertTrue(table.standards().cite().startsWith("沿用2027年度（待区县核定）：渝医保发"), table.standards().cite());
    }

    @Test
    void theCountyEntersTheTierOneStandardAndTheFigureIsConfirmedOnceBothTiersAreEntered() {
        TableDraft draft = draft2027();

        TableDraft.Check afterTier1 = draft.set("standards.tier1", "450", "王芳", TODAY, null);

        assertTrue(afterTier1.valid(), () -> afterTier1.problem().getMessage());
        assertEquals(Money.ofYuan(450), afterTier1.table().standards().tier1());
        // tier 2 is still last year's: the figure is not yet the county's as a whole
        assertTrue(afterTier1.table().standards().status().isProvisional());
        assertEquals(TableDraft.Standing.ENTERED, draft.figure("standards.tier1").orElseThrow().standing());
        assertEquals(TableDraft.Standing.CARRIED, draft.figure("standards.tier2").orElseThrow().standing());

        TableDraft.Check afterTier2 = draft.set("standards.tier2", "775", "王芳", TODAY, "渝医保发〔2026〕1号");

        assertTrue(afterTier2.table().standards().status() == FigureStatus.CONFIRMED);
        assertEquals("渝医保发〔2026〕1号", afterTier2.table().standards().cite());
        TableDraft.Figure tier1 = draft.figure("standards.tier1").orElseThrow();
        assertEquals(TableDraft.Standing.CONFIRMED, tier1.standing());
        assertEquals("王芳", tier1.confirmedBy());
        assertEquals(TODAY, tier1.confirmedOn());
        assertEquals("450", tier1.value());
        // the record is in the file, and the file loads strictly
        String saved = new String(draft.bytes(), StandardCharsets.UTF_8);
        assertTrue(saved.contains("\"confirmedBy\":\"王芳\",\"confirmedOn\":\"2026-10-20\""), saved);
        assertEquals(Money.ofYuan(450), load(draft.bytes()).standards().tier1());
    }

    @Test
    void aFigureConfirmedWithoutACiteCitesTheCountysEntry() {
        TableDraft draft = draft2027();

        PolicyTable table = draft.set("fiscalSubsidy.amount", "730", "王芳", TODAY, null).table();

        assertEquals(FigureStatus.CONFIRMED, table.fiscalSubsidy().status());
        assertEquals("区县医保局核定（王芳，2026年10月20日录入）", table.fiscalSubsidy().cite());
    }

    @Test
    void aCategoryIsFoundByItsCodeAndNoSubsidyIsAnEmptyValue() {
        TableDraft draft = draft2027();

        draft.set("categories[DIBAO].tier1", "380", "王芳", TODAY, null);
        PolicyTable table = draft.set("categories[DIBAO].tier2", "", "王芳", TODAY, null).table();

        assertEquals(Money.ofYuan(380), table.category("DIBAO").orElseThrow().tier1());
        assertNull(table.category("DIBAO").orElseThrow().tier2());
        assertEquals(FigureStatus.CONFIRMED, table.category("DIBAO").orElseThrow().status());
        assertEquals("categories[2].tier1", draft.figure("categories[DIBAO].tier1").orElseThrow().path());
    }

    @Test
    void aRuleWithoutANumberIsConfirmedAsItStands() {
        TableDraft draft = draft2027();

        PolicyTable table = draft.confirm("guardianCoverage", "王芳", TODAY, null).table();

        assertEquals(FigureStatus.CONFIRMED, table.guardianCoverage().status());
        assertEquals("王芳", draft.figure("guardianCoverage").orElseThrow().confirmedBy());
    }

    @Test
    void theFirstCountedYearIsAFigureOfItsOwn() {
        TableDraft draft = draft2027();

        PolicyTable table = draft.set("waitingRule.firstCountedYear", "2025", "王芳", TODAY, null).table();

        assertEquals(FigureStatus.CONFIRMED, table.waitingRule().firstCountedYearStatus());
        assertTrue(table.waitingRule().status().isProvisional(), "the rest of the rule is still carried");
        assertEquals("王芳", draft.figure("waitingRule.firstCountedYear").orElseThrow().confirmedBy());
    }

    /** Whatever is typed is written and the strict loader judges it; its complaint shows next to the figure. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            standards.tier1           | abc              | standards.tier1             | standards.tier1             | 应为金额
            standards.tier1           | 400.123          | standards.tier1             | standards.tier1             | 应为金额
            standards.tier1           | 0                | standards.tier1             | standards.tier1             | 大于0
            standards.tier2           | ''               | standards.tier2             | standards.tier2             | 缺少必填项
            categories[DIBAO].tier1   | -5               | categories[2].tier1         | categories[2].tier1         | 应为金额
            paymentWindows[1].start   | 2027-01-05       | paymentWindows[1].start     | paymentWindows[1].start     | 从2027年1月1日开始
            paymentWindows[0].end     | 2027-02-30       | paymentWindows[0].end       | paymentWindows[0].end       | 应为日期
            paymentWindows[1].end     | 2028-01-10       | paymentWindows[1].end       | paymentWindows[1].end       | 晚于2027年度末
            paymentWindows[2].benefitStart | later       | paymentWindows[2].benefitStart | paymentWindows[2].benefitStart | 待遇起始规则“later”未知
            lowIncome.categories      | TEKUN, NOPE      | lowIncome.categories[1]     | lowIncome.categories        | “NOPE”没有在 categories 中定义
            waitingRule.firstCountedYear | 2030          | waitingRule.firstCountedYear | waitingRule.firstCountedYear | 起算年度2030不合理
            newborn.withinDays        | 0                | newborn.withinDays          | newborn.withinDays          | 应为正整数
            graduate.windowEnd        | 08-01            | graduate.windowEnd          | graduate.windowEnd          | 早于开始日期
            """)
    void aWrongValueIsRefusedByTheLoaderNamingItsField(String path, String typed, String field, String figure,
                                                       String words) {
        TableDraft draft = draft2027();

        TableDraft.Check check = draft.set(path, typed, "王芳", TODAY, null);

        assertFalse(check.valid());
        assertEquals(field, check.problem().field());
        assertEquals(figure, check.figurePath());
        assertTrue(check.problem().detail().contains(words), check.problem().detail());
        assertTrue(check.problem().getMessage().startsWith("2027.json: " + field + ": "), check.problem().getMessage());
    }

    @Test
    void aNameThatIsNoValueOfTheTableIsRefused() {
        PolicyTableException refused = assertThrows(PolicyTableException.class,
                () -> draft2027().set("standards.tier3", "1", "王芳", TODAY, null));
        assertTrue(refused.getMessage().contains("没有这一项"), refused.getMessage());
    }

    @Test
    void theVersionIsTheCountysToSet() {
        TableDraft draft = draft2027();

        assertEquals("2027.1", draft.version("2027.1").table().version());
        assertEquals("version", draft.version(" ").problem().field());
        assertNull(draft.check().figurePath());
    }

    /** The county's record in the file is read strictly too; every shipped table still loads (the library). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "status": "confirmed", "cite"                                          | "status": "confirmed", "carried": ["tier1"], "cite"            | standards.carried
            "status": "confirmed", "cite"                                          | "status": "provisional", "carried": ["tier3"], "cite"          | standards.carried[0]
            "status": "confirmed", "cite"                                          | "status": "provisional", "carried": [], "cite"                 | standards.carried
            "status": "confirmed", "cite"                                          | "status": "confirmed", "confirmedBy": "王芳", "cite"            | standards.confirmedOn
            "status": "confirmed", "cite"                                          | "status": "confirmed", "confirmedOn": "2026-10-20", "cite"     | standards.confirmedBy
            "status": "confirmed", "cite"                                          | "status": "confirmed", "confirmedBy": "王芳", "confirmedOn": "10/20", "cite" | standards.confirmedOn
            """)
    void aWrongCountyRecordIsRefused(String from, String to, String field) {
        String table = new String(resource("policy/2026.json"), StandardCharsets.UTF_8);
        String standards = "\"standards\": {\"tier1\": 400, \"tier2\": 775, " + from;
        assertTrue(table.contains(standards));
        byte[] changed = table.replace(standards, "\"standards\": {\"tier1\": 400, \"tier2\": 775, " + to)
                .getBytes(StandardCharsets.UTF_8);

        PolicyTableException refused = assertThrows(PolicyTableException.class, () -> load(changed));

        assertEquals(field, refused.field(), refused.getMessage());
    }
}
