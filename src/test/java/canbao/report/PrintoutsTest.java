package canbao.report;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 费用告知单 and the 参保登记表 as PDF: read back, the Chinese names and the amounts are there. */
class PrintoutsTest {

    @TempDir
    Path folder;

    private Database database;
    private HouseholdService.Loaded household;
    private final Printouts printouts = new Printouts(PolicyLibrary.builtIn(), "兴义镇", "王芳", Localization.CHINESE);

    @BeforeEach
    void save() {
        database = Database.open(folder.resolve("data"), TestKeys.KEY);
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        var saved = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, "13800000000", List.of(
                new HouseholdEntry.Member("张三", RosterImportTest.ZHANG, null, null, "户主", "汉", List.of(), null, null,
                        new HouseholdEntry.EnrollmentRequest(2022, 2, LocalDate.of(2022, 1, 10), "R001", null, null)),
                new HouseholdEntry.Member("李四", RosterImportTest.LI, null, null, "配偶", "汉",
                        List.of(new HouseholdEntry.Category("DIBAO", "民政办", LocalDate.of(2021, 12, 1))), null, null,
                        new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), "R001", null, null)))),
                "王芳");
        assertTrue(saved.isValid(), saved.problems()::toString);
        household = households.load(saved.value().household().id(), 2022).orElseThrow();
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            for (var page : document.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertTrue(font.isEmbedded(), font.getName() + " is embedded");
                }
            }
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void slipMarksAProvisionalFigureAndShowsTheRepairAndTheWait() throws Exception {
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
        var saved = households.save(new HouseholdEntry("0020", "兴义村", "3组", null, null, List.of(
                new HouseholdEntry.Member("王五", "500230198507071234".substring(0, 17)
                        + canbao.policy.ResidentId.checkCharacter("50023019850707123"), null, null, "户主", "汉",
                        List.of(), null, null,
                        new HouseholdEntry.EnrollmentRequest(2026, 1, LocalDate.of(2025, 12, 15), "R020", null, null, 1),
                        canbao.policy.KnownHistory.NONE.with(canbao.policy.KnownHistory.Source.DECLARED,
                                List.of(2024), "2024年外省参保")),
                new HouseholdEntry.Member("赵六", RosterImportTest.LI.substring(0, 6) + "19900101"
                        + "123" + canbao.policy.ResidentId.checkCharacter(RosterImportTest.LI.substring(0, 6)
                        + "19900101123"), null, null, "配偶", "汉", List.of(), null, null,
                        new HouseholdEntry.EnrollmentRequest(2026, 1, LocalDate.of(2025, 12, 15), "R020", null, null)))),
                "王芳");
        assertTrue(saved.isValid(), saved.problems()::toString);
        Path pdf = folder.resolve("告知单2026.pdf");

        printouts.quoteSlip(households.load(saved.value().household().id(), 2026).orElseThrow(), 2026,
                LocalDate.of(2025, 12, 15), pdf);

        String text = text(pdf).replace("\n", "");
        assertTrue(text.contains("补缴1年400元"), text);
        assertTrue(text.contains("800元"), text);
        assertTrue(text.contains("（等待期3个月）"), text);
        assertTrue(text.contains("400元※"), "赵六 is quoted in the provisional 2026 enrolment period: " + text);
        assertTrue(text.contains("待区县核定"), text);
    }

    @Test
    void quoteSlipShowsEachMembersAmountsWithTheIdNumberMasked() throws Exception {
        Path pdf = folder.resolve("告知单.pdf");
        printouts.quoteSlip(household, 2022, LocalDate.of(2022, 1, 10), pdf);

        String text = text(pdf);
        assertTrue(text.contains("2022年度城乡居民医保缴费告知单"), text);
        assertTrue(text.contains("兴义镇 兴义村 户号：0012"), text);
        assertTrue(text.contains("张三"), text);
        assertTrue(text.replace("\n", "").contains("500230********1079"), text);
        assertFalse(text.contains(RosterImportTest.ZHANG), "the slip goes home: no full ID number");
        assertTrue(text.contains("二档") && text.contains("一档"), text);
        assertTrue(text.contains("李四") && text.contains("288元") && text.contains("32元"), text);
        assertTrue(text.contains("合计应缴：727元"), "695 on tier 2, 32 on tier 1 with 低保: " + text);
        assertTrue(text.replace("\n", "").contains("2022-01-01 至 2022-12-31"), text);
    }

    @Test
    void enrollmentFormCarriesTheFullRegistrationAndASignatureLine() throws Exception {
        Path pdf = folder.resolve("登记表.pdf");
        printouts.enrollmentForm(household, 2022, LocalDate.of(2022, 1, 10), pdf);

        String text = text(pdf);
        assertTrue(text.contains("2022年度城乡居民基本医疗保险参保登记表"), text);
        assertTrue(text.replace("\n", "").contains(RosterImportTest.ZHANG), "the office's form holds the full ID number: "
                + text);
        assertTrue(text.contains("低保对象"), text);
        assertTrue(text.contains("联系电话：13800000000"), text);
        assertTrue(text.contains("户主（签字）"), text);
    }

    /** Every page of the printout is A4 (595 × 842 pt), as it will be printed at actual size. */
    private static void assertA4(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            for (var page : document.getPages()) {
                assertEquals(595.3f, page.getMediaBox().getWidth(), 0.5f);
                assertEquals(841.9f, page.getMediaBox().getHeight(), 0.5f);
            }
        }
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /**
     * Issue 20, defect 11: the 缴费凭条 lists the paying members (ID masked: it goes home), each amount
     * and the exact total in figures and in capitals, the receipt number, payment date, operator and
     * township; its name is the print job's and the file's.
     */
    @Test
    void receiptShowsMembersAmountsReceiptNumberDateOperatorAndTotal() throws Exception {
        Printouts.Document receipt = printouts.receipt(household, 2022, LocalDate.of(2022, 1, 10));

        assertEquals("缴费凭条 户0012 2022-01-10", receipt.name());
        assertA4(receipt.pdf());
        String text = text(receipt.pdf());
        assertTrue(text.contains("2022年度城乡居民基本医疗保险缴费凭条"), text);
        assertTrue(text.contains("兴义镇 兴义村 户号：0012"), text);
        assertTrue(text.contains("收据号：R001"), text);
        assertTrue(text.contains("缴费日期：2022-01-10"), text);
        assertTrue(text.contains("张三") && text.contains("李四"), text);
        assertTrue(text.contains("695元") && text.contains("32元"), text);
        assertTrue(text.contains("合计：2人，727元（人民币大写：柒佰贰拾柒元整）"), text);
        assertTrue(text.contains("经办人：王芳"), text);
        assertTrue(text.lines().anyMatch(line -> line.contains("500230********1079")),
                "the masked ID number whole on one line: " + text);
        assertFalse(text.contains(RosterImportTest.ZHANG), "the receipt goes home: no full ID number");
        try (PDDocument document = Loader.loadPDF(receipt.pdf())) {
            assertEquals("缴费凭条 户0012 2022-01-10", document.getDocumentInformation().getTitle());
        }
    }

    @Test
    void receiptOfAHouseholdWithNoPaymentSaysThereIsNone() {
        var unpaid = new HouseholdService.Loaded(household.household(), household.members().stream()
                .map(member -> new HouseholdService.LoadedMember(member.person(), member.categories(), null)).toList());

        var refused = org.junit.jupiter.api.Assertions.assertThrows(Printouts.NothingToPrint.class,
                () -> printouts.receipt(unpaid, 2022, LocalDate.of(2022, 1, 10)));
        assertEquals("户0012在2022年度没有已缴费的成员，没有缴费凭条", refused.getMessage());
    }

    /**
     * Issue 20, defect 11: the 参保登记表 never breaks an ID number across lines (the column takes the
     * width it needs), and carries the total and the receipt numbers.
     */
    @Test
    void enrollmentFormKeepsIdNumbersWholeAndCarriesTheTotalAndReceiptNumbers() throws Exception {
        Printouts.Document form = printouts.enrollmentForm(household, 2022, LocalDate.of(2022, 1, 10));

        assertA4(form.pdf());
        String text = text(form.pdf());
        assertTrue(text.lines().anyMatch(line -> line.contains(RosterImportTest.ZHANG)),
                "张三's ID number whole on one line: " + text);
        assertTrue(text.lines().anyMatch(line -> line.contains(RosterImportTest.LI)),
                "李四's ID number whole on one line: " + text);
        assertTrue(text.lines().anyMatch(line -> line.contains("2022-01-10")), text);
        assertTrue(text.contains("参保2人，合计应缴：727元"), text);
        assertTrue(text.contains("收据号：R001"), text);
        assertEquals("参保登记表 户0012 2022-01-10", form.name());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(textBlock = """
            727,      柒佰贰拾柒元整
            32.5,     叁拾贰元伍角
            0.05,     伍分
            0,        零元整
            1005,     壹仟零伍元整
            1050.08,  壹仟零伍拾元零捌分
            10,       壹拾元整
            100000,   壹拾万元整
            10005,    壹万零伍元整
            1000100,  壹佰万零壹佰元整
            2460,     贰仟肆佰陆拾元整
            """)
    void amountsInCapitalsAsOnAChineseReceipt(java.math.BigDecimal yuan, String words) {
        assertEquals(words, AmountInWords.of(canbao.model.Money.ofYuan(yuan)));
    }
}
