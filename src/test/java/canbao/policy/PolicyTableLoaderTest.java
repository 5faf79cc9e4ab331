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

class PolicyTableLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void builtInTablesCoverBothPolicyYearsAndNameTheirNotices() {
        PolicyLibrary library = PolicyLibrary.builtIn();

        assertEquals(List.of(2021, 2022), List.copyOf(library.years()));
        PolicyTable y2022 = library.table(2022).orElseThrow();
        assertEquals(List.of("渝医保发〔2021〕70号", "医保发〔2021〕32号", "兴义府发〔2022〕3号", "潼医保发〔2021〕26号"),
                y2022.sources().stream().map(PolicyTable.SourceDocument::document).toList());
        assertEquals(Money.ofYuan(580), y2022.surcharge().amount());
        assertEquals(LocalDate.of(2022, 9, 30), y2022.ordinaryLastPaymentDate());
        assertEquals(18, y2022.categories().size());
        assertEquals(List.of("綦医保发〔2020〕47号"),
                library.table(2021).orElseThrow().sources().stream().map(PolicyTable.SourceDocument::document).toList());
        assertEquals(y2022.categories().keySet(), library.table(2021).orElseThrow().categories().keySet());
    }

    @Test
    void newPolicyYearFromADataFileNeedsNoCode() {
        PolicyLibrary library = PolicyLibrary.fromIndex("policy-extra/index.json", getClass().getClassLoader());
        PolicyTable y2023 = library.table(2023).orElseThrow();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        PersonFacts adult = new PersonFacts(null, null, null, LocalDate.of(1980, 3, 15), null, Tier.ONE,
                List.of(), null, null);

        MemberQuote inPeriod = engine.quote(y2023, adult, LocalDate.of(2022, 9, 1));
        MemberQuote late = engine.quote(y2023, adult, LocalDate.of(2023, 6, 1));

        assertEquals(List.of(2021, 2022, 2023), List.copyOf(library.years()));
        assertEquals(new BigDecimal("350.5"), inPeriod.payable().yuan());
        assertEquals(LocalDate.of(2023, 1, 1), inPeriod.benefitStart());
        assertEquals(new BigDecimal("960.5"), late.payable().yuan());
        assertEquals(LocalDate.of(2023, 8, 1), late.benefitStart());
        assertEquals(60, late.waitingDays());
    }

    @Test
    void subsidyAboveTheStandardIsCappedAtTheStandard() {
        PolicyTable y2023 = PolicyLibrary.fromIndex("policy-extra/index.json", getClass().getClassLoader())
                .table(2023).orElseThrow();
        PersonFacts person = new PersonFacts(null, null, null, LocalDate.of(1980, 3, 15), null, Tier.ONE,
                List.of("NEW_CATEGORY"), null, null);

        MemberQuote quote = new QuoteEngine(Localization.CHINESE).quote(y2023, person, LocalDate.of(2022, 10, 1));

        assertEquals(new BigDecimal("350.5"), quote.subsidy().yuan());
        assertEquals(BigDecimal.ZERO, quote.payable().yuan());
        assertTrue(quote.rules().stream().anyMatch(r -> r.text().contains("按标准350.5元全额资助")),
                quote.rules()::toString);
    }

    @Test
    void tableInADataFolderReplacesTheBuiltInYearAndAddsNewOnes() throws IOException {
        write("2023.json", table(t -> t.put("policyYear", 2023).put("version", "2023.folder")
                .set("enrolmentPeriod", JSON.createObjectNode().put("start", "2022-12-01").put("end", "2023-02-28")
                        .put("cite", "x"))));
        stripYearBound(folder.resolve("2023.json"));

        PolicyLibrary library = PolicyLibrary.builtIn().withDirectory(folder);

        assertEquals(List.of(2021, 2022, 2023), List.copyOf(library.years()));
        assertEquals("2023.folder", library.table(2023).orElseThrow().version());
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
        assertRefused(t -> ((ObjectNode) t.get("enrolmentPeriod")).put("end", "2022-02-30"), "enrolmentPeriod.end");
        assertRefused(t -> ((ObjectNode) t.get("enrolmentPeriod")).put("end", "2021-11-01"), "enrolmentPeriod.end");
        assertRefused(t -> ((ObjectNode) t.get("lateSurcharge")).put("after", "2021-06-30"), "lateSurcharge.after");
        assertRefused(t -> ((ObjectNode) t.get("waitingPeriod")).put("days", 0), "waitingPeriod.days");
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

    private static ObjectNode category(ObjectNode table, int index) {
        return (ObjectNode) table.get("categories").get(index);
    }

    private Path write(String name, ObjectNode table) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, JSON.writeValueAsString(table), StandardCharsets.UTF_8);
        return file;
    }

    /** Dates of the 2022 table inside a 2023 copy would be refused; drop the optional parts that hold them. */
    private static void stripYearBound(Path file) throws IOException {
        ObjectNode table = (ObjectNode) JSON.readTree(file.toFile());
        table.remove(List.of("ordinaryDeadline", "lateSurcharge"));
        Files.writeString(file, JSON.writeValueAsString(table), StandardCharsets.UTF_8);
    }
}
