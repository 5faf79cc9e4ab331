package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Money;
import canbao.model.Tier;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyTableLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void builtInTablesCoverEveryPolicyYearFrom2021To2026AndNameTheirNotices() {
        PolicyLibrary library = PolicyLibrary.builtIn();

        assertEquals(List.of(2021, 2022, 2023, 2024, 2025, 2026), List.copyOf(library.years()));
        PolicyTable y2022 = library.table(2022).orElseThrow();
        assertEquals(List.of("渝医保发〔2021〕70号", "医保发〔2021〕32号", "兴义府发〔2022〕3号", "潼医保发〔2021〕26号"),
                y2022.sources().stream().map(PolicyTable.SourceDocument::document).toList());
        assertEquals(Money.ofYuan(580), y2022.surcharge().amount());
        assertEquals(LocalDate.of(2022, 7, 1), y2022.surcharge().from());
        assertEquals(LocalDate.of(2022, 9, 30), y2022.ordinaryLastPaymentDate());
        assertEquals(18, y2022.categories().size());
        assertEquals(List.of("綦医保发〔2020〕47号"),
                library.table(2021).orElseThrow().sources().stream().map(PolicyTable.SourceDocument::document).toList());
        for (int year : library.years()) {
            assertEquals(y2022.categories().keySet(), library.table(year).orElseThrow().categories().keySet(),
                    "every year knows every category, subsidised or not: " + year);
        }
    }

    /** POLICY.md, "Policy years 2023–2026": each figure as the table there gives it, with its status. */
    @ParameterizedTest(name = "{0}: {1}/{2}, fiscal {3}, period {4}–{5} ({6})")
    @CsvSource(delimiter = '|', textBlock = """
            2023 | 350 | 725 | 610 | 2022-10-25 | 2023-02-28 | confirmed   | 2023-04-30 | confirmed   | 2023-07-01 | 2023-09-30
            2024 | 380 | 755 | 640 | 2023-10-12 | 2023-12-31 | confirmed   | 2024-02-29 | provisional | 2024-07-01 | 2024-09-30
            2025 | 400 | 775 | 670 | 2024-09-13 | 2024-12-31 | provisional | 2025-02-28 | provisional | -          | 2025-12-31
            2026 | 400 | 775 | 700 | 2025-09-01 | 2025-12-31 | provisional | 2026-02-28 | provisional | -          | 2026-12-31
            """)
    void currentYearsCarryTheFiguresAndStatusesOfPolicy(int year, int tier1, int tier2, int fiscal, String periodStart,
                                                        String periodEnd, String periodStatus, String monthAfterEnd,
                                                        String monthAfterStatus, String surchargeFrom,
                                                        String lastOrdinaryPayment) {
        PolicyTable table = PolicyLibrary.builtIn().table(year).orElseThrow();

        assertEquals(Money.ofYuan(tier1), table.standard(Tier.ONE));
        assertEquals(Money.ofYuan(tier2), table.standard(Tier.TWO));
        assertEquals(FigureStatus.CONFIRMED, table.standards().status());
        assertEquals(Money.ofYuan(fiscal), table.fiscalSubsidy().amount());
        assertEquals(LocalDate.parse(periodStart), table.enrolmentPeriod().start());
        assertEquals(LocalDate.parse(periodEnd), table.enrolmentPeriod().end());
        assertEquals(periodStatus, table.enrolmentPeriod().status().json());
        PolicyTable.PaymentWindow monthAfter = table.windows().get(1);
        assertEquals(PolicyTable.BenefitStart.NEXT_MONTH, monthAfter.benefitStart());
        assertEquals(LocalDate.parse(periodEnd).plusDays(1), monthAfter.start());
        assertEquals(LocalDate.parse(monthAfterEnd), monthAfter.end());
        assertEquals(monthAfterStatus, monthAfter.status().json());
        assertEquals(surchargeFrom.equals("-") ? null : LocalDate.parse(surchargeFrom),
                table.surcharge() == null ? null : table.surcharge().from());
        assertEquals(LocalDate.parse(lastOrdinaryPayment), table.ordinaryLastPaymentDate());
        assertEquals(year >= 2025, table.waitingRule() != null, "the 2025 waiting rule from 2025 on");
        assertTrue(table.hasProvisionalFigures());
    }

    @Test
    void tableInADataFolderReplacesTheBuiltInYearAndAddsNewOnes() throws IOException {
        write("2027.json", table(t -> {
            t.put("policyYear", 2027).put("version", "2027.folder");
            ArrayNode windows = JSON.createArrayNode();
            windows.addObject().put("start", "2026-09-01").put("end", "2026-12-31").put("benefitStart", "yearStart")
                    .put("status", "confirmed").put("cite", "x");
            windows.addObject().put("start", "2027-01-01").put("benefitStart", "afterDays").put("days", 90)
                    .put("status", "confirmed").put("cite", "x");
            t.set("paymentWindows", windows);
            t.remove(List.of("ordinaryDeadline", "lateSurcharge"));
        }));
        write("2022.json", table(t -> t.put("version", "2022.folder")));

        PolicyLibrary library = PolicyLibrary.builtIn().withDirectory(folder);

        assertEquals(List.of(2021, 2022, 2023, 2024, 2025, 2026, 2027), List.copyOf(library.years()));
        assertEquals("2027.folder", library.table(2027).orElseThrow().version());
        assertEquals("2022.folder", library.table(2022).orElseThrow().version());
    }

    @Test
    void missingFieldNamesFileAndField() throws IOException {
        Path file = write("missing.json", table(t -> ((ObjectNode) t.get("standards")).remove("tier2")));

        PolicyTableException error = assertThrows(PolicyTableException.class, () -> PolicyTableLoader.fromFile(file));

        assertEquals("standards.tier2", error.field());
        assertTrue(error.getMessage().startsWith(file + ": standards.tier2: "), error.getMessage());
        assertTrue(error.getMessage().contains("缺少必填项"), error.getMessage());
    }

    @Test
    void amountWithAFractionOfAFenIsRefused() throws IOException {
        Path file = write("fen.json", table(t -> category(t, 3).put("tier1", 224.005)));

        PolicyTableException error = assertThrows(PolicyTableException.class, () -> PolicyTableLoader.fromFile(file));

        assertEquals("categories[3].tier1", error.field());
    }

    @Test
    void misspeltFieldIsRefusedRatherThanIgnored() throws IOException {
        Path file = write("typo.json", table(t -> category(t, 2).set("teir1", category(t, 2).remove("tier1"))));

        PolicyTableException error = assertThrows(PolicyTableException.class, () -> PolicyTableLoader.fromFile(file));

        assertEquals("categories[2].teir1", error.field());
    }

    @Test
    void eachKindOfMistakeNamesItsField() throws IOException {
        assertRefused(t -> t.put("policyYear", "2022"), "policyYear");
        assertRefused(t -> ((ObjectNode) t.get("standards")).put("tier1", -1), "standards.tier1");
        assertRefused(t -> ((ObjectNode) t.get("standards")).put("tier1", 0), "standards.tier1");
        assertRefused(t -> window(t, 0).put("end", "2022-02-30"), "paymentWindows[0].end");
        assertRefused(t -> window(t, 0).put("end", "2021-11-01"), "paymentWindows[0].end");
        assertRefused(t -> window(t, 1).put("start", "2022-03-02"), "paymentWindows[1].start");
        assertRefused(t -> window(t, 0).put("benefitStart", "nextMonth"), "paymentWindows[0].benefitStart");
        assertRefused(t -> window(t, 1).put("benefitStart", "whenever"), "paymentWindows[1].benefitStart");
        assertRefused(t -> window(t, 1).put("benefitStart", "waitingRule").remove("days"),
                "paymentWindows[1].benefitStart");
        assertRefused(t -> window(t, 1).put("end", "2023-01-31"), "paymentWindows[1].end");
        assertRefused(t -> window(t, 1).put("status", "maybe"), "paymentWindows[1].status");
        assertRefused(t -> window(t, 0).remove("status"), "paymentWindows[0].status");
        assertRefused(t -> ((ObjectNode) t.get("standards")).remove("status"), "standards.status");
        assertRefused(t -> t.remove("fiscalSubsidy"), "lateSurcharge");
        assertRefused(t -> ((ObjectNode) t.get("lateSurcharge")).put("from", "2021-06-30"), "lateSurcharge.from");
        assertRefused(t -> window(t, 1).put("days", 0), "paymentWindows[1].days");
        assertRefused(t -> ((ObjectNode) t.get("graduate")).put("windowEnd", "13-01"), "graduate.windowEnd");
        assertRefused(t -> ((ArrayNode) t.get("lowIncome").get("categories")).add("NOT_A_CATEGORY"),
                "lowIncome.categories[8]");
        assertRefused(t -> category(t, 1).put("code", "TEKUN"), "categories[1].code");
        assertRefused(t -> category(t, 0).remove("cite"), "categories[0].cite");
        assertRefused(t -> category(t, 0).remove("tier2"), "categories[0].tier2");
        assertRefused(t -> t.set("sources", JSON.createArrayNode()), "sources");
    }

    @Test
    void brokenJsonNamesTheFile() throws IOException {
        Path file = folder.resolve("broken.json");
        Files.writeString(file, "{\"policyYear\": 2022,", StandardCharsets.UTF_8);

        PolicyTableException error = assertThrows(PolicyTableException.class, () -> PolicyTableLoader.fromFile(file));

        assertTrue(error.getMessage().startsWith(file.toString()), error.getMessage());
    }

    @Test
    void twoTablesForOneYearAreRefused() throws IOException {
        write("a.json", table(t -> { }));
        write("b.json", table(t -> { }));

        PolicyTableException error = assertThrows(PolicyTableException.class,
                () -> PolicyLibrary.builtIn().withDirectory(folder));

        assertTrue(error.getMessage().contains("a.json"), error.getMessage());
        assertTrue(error.getMessage().contains("b.json"), error.getMessage());
    }

    private void assertRefused(Consumer<ObjectNode> mistake, String field) throws IOException {
        Path file = write("mistake.json", table(mistake));
        PolicyTableException error = assertThrows(PolicyTableException.class, () -> PolicyTableLoader.fromFile(file),
                field);
        assertEquals(field, error.field(), error.getMessage());
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    /** The built-in 2022 table with one change applied. */
    private static ObjectNode table(Consumer<ObjectNode> change) throws IOException {
        try (InputStream in = PolicyTableLoaderTest.class.getClassLoader().getResourceAsStream("policy/2022.json")) {
            ObjectNode table = (ObjectNode) JSON.readTree(in);
            change.accept(table);
            return table;
        }
    }

    private static ObjectNode window(ObjectNode table, int index) {
        return (ObjectNode) table.get("paymentWindows").get(index);
    }

    private static ObjectNode category(ObjectNode table, int index) {
        return (ObjectNode) table.get("categories").get(index);
    }

    private Path write(String name, ObjectNode table) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, JSON.writeValueAsString(table), StandardCharsets.UTF_8);
        return file;
    }
}
