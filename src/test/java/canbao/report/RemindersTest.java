package canbao.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.RenewalStore;
import canbao.store.RenewalVillage;
import canbao.store.TestKeys;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemindersTest {

    @TempDir
    Path folder;

    private Database database;
    private RenewalWorklist worklist;
    private Reminders reminders;

    @BeforeEach
    void fillTheTownship() {
        database = Database.open(folder.resolve("data"), TestKeys.KEY);
        new WorkplaceSettings(database).save(new Workplace("兴义镇", "500230", "王芳"));
        PolicyLibrary policies = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        RenewalVillage.fill(new HouseholdService(database, policies, engine, RenewalWorklistTest.CLOCK));
        worklist = new RenewalWorklist(new RenewalStore(database), policies, engine, RenewalWorklistTest.CLOCK,
                Localization.CHINESE);
        reminders = new Reminders(policies, "兴义镇", Localization.CHINESE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void slipsOfAVillageReadBackWithNamesAmountsMaskedIdsDeadlineAndTheCostOfPayingLate() throws Exception {
        Path file = folder.resolve("催缴.pdf");
        reminders.write(worklist.compute(2026, "兴义村"), file);

        String text;
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            // four households, two half-page slips to a page
            assertEquals(2, pdf.getNumberOfPages());
            text = new PDFTextStripper().getText(pdf);
        }
        assertEquals(4, text.split("兴义镇2026年度城乡居民医保缴费通知", -1).length - 1, text);
        for (String expected : List.of("张三", "500230********1079", "李四", "775元", "张老汉", "40元", "王宝宝",
                "Q500230001", "孙九", "2026-03-21", "本户合计应缴：1615元", "本户合计应缴：1550元",
                "请于2025年12月31日前缴费（集中参保期截止），2026年1月1日起享受待遇",
                "2026年1月1日至2026年2月28日缴费：缴费次月1日起享受待遇",
                "2026年3月1日起缴费：设3个月待遇等待期，每断保1年增加1个月", "兴义村3组　户号0001")) {
            assertTrue(text.contains(expected), () -> expected + " not in\n" + text);
        }
        assertFalse(text.contains(RenewalVillage.ZHANG_SAN), "a full ID number on a slip");
        assertFalse(text.contains("孙七"), "paid for 2026 already: not chased");
        assertFalse(text.contains("钱一"), "another village");
    }

    @Test
    void theSameListAsXlsxForTheVillageCadre() throws Exception {
        Path file = folder.resolve("催缴.xlsx");
        reminders.write(worklist.compute(2026, "兴义村"), file);

        try (var in = java.nio.file.Files.newInputStream(file);
             var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(in)) {
            List<List<String>> rows = workbook.getFirstSheet().read().stream().skip(2)
                    .map(row -> row.stream().map(cell -> cell == null ? "" : cell.getRawValue()).toList()).toList();
            assertEquals(10, rows.size());
            assertEquals(List.of("兴义村", "3组", "0001", "张老汉", "500230********1230", "一档", "40", "2026-01-01"),
                    rows.get(4));
            assertTrue(rows.stream().noneMatch(r -> r.contains(RenewalVillage.ZHANG_SAN)));
        }
    }
}
