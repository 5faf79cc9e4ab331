package canbao.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.model.Money;
import canbao.store.ShiftStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 每半月通报 and the shift summary, written as XLSX and PDF and read back. */
class BulletinsTest {

    @TempDir
    Path folder;

    private final Bulletins bulletins = new Bulletins("兴义镇", Localization.CHINESE);

    private static CoverageReport.Village village(String name, Integer target, long enrolled, String rate, Long gap) {
        return new CoverageReport.Village(name, target, enrolled, rate == null ? null : new BigDecimal(rate), gap, 2, 1,
                3);
    }

    private final CoverageReport.Coverage coverage = new CoverageReport.Coverage(2022, List.of(
            village("兴义村", 5, 3, "0.6000", 2L), village("石桥村", null, 0, null, null),
            village("龙河社区", 1, 1, "1.0000", 0L)), village("合计", null, 4, null, null));

    @Test
    void bulletinRanksVillagesByRateWithTheTotalLast() throws Exception {
        Path xlsx = folder.resolve("通报.xlsx");
        bulletins.bulletin(coverage, LocalDate.of(2022, 3, 15), xlsx);

        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertEquals("兴义镇2022年度城乡居民医保参保进度通报", at(rows, 1).getCellText(0));
            assertEquals("截至2022年3月15日（上半月）", at(rows, 2).getCellText(0));
            assertEquals(Bulletins.BULLETIN_HEADERS, at(rows, 4).stream().map(c -> c.getText()).toList());
            assertEquals(List.of("1", "龙河社区", "1", "1", "100.00%"), at(rows, 5).stream().limit(5)
                    .map(c -> c.getText()).toList());
            assertEquals(List.of("2", "兴义村", "5", "3", "60.00%", "2"), at(rows, 6).stream().limit(6)
                    .map(c -> c.getText()).toList());
            assertEquals(List.of("—", "石桥村", "—"), at(rows, 7).stream().limit(3).map(c -> c.getText()).toList());
            assertEquals("合计", at(rows, 8).getCellText(1));
            assertEquals(new BigDecimal("3"), at(rows, 6).getCellAsNumber(3).orElseThrow(), "counts are numbers");
        }

        Path pdf = folder.resolve("通报.pdf");
        bulletins.bulletin(coverage, LocalDate.of(2022, 3, 31), pdf);
        String text = text(pdf);
        assertTrue(text.contains("兴义镇2022年度城乡居民医保参保进度通报"), text);
        assertTrue(text.contains("截至2022年3月31日（下半月）"), text);
        assertTrue(text.contains("龙河社区") && text.contains("100.00%") && text.contains("60.00%"), text);
    }

    @Test
    void shiftSummaryAddsUpEachOperatorsDayAndWhatIsNotUploaded() throws Exception {
        List<ShiftStore.OperatorDay> day = List.of(new ShiftStore.OperatorDay("王芳", 3, new Money(104_200), 2),
                new ShiftStore.OperatorDay("李明", 1, new Money(3_200), 0));
        Path xlsx = folder.resolve("班次.xlsx");
        Path pdf = folder.resolve("班次.pdf");
        bulletins.shift(day, LocalDate.of(2022, 1, 10), xlsx);
        bulletins.shift(day, LocalDate.of(2022, 1, 10), pdf);

        try (ReadableWorkbook workbook = new ReadableWorkbook(xlsx.toFile())) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertEquals(List.of("合计", "4", "1074", "2", "2"), at(rows, 7).stream().map(c -> c.getText()).toList());
        }
        String text = text(pdf);
        assertTrue(text.contains("兴义镇参保登记班次汇总（2022年1月10日）"), text);
        assertTrue(text.contains("王芳 3 1042 2 1"), text);
        assertTrue(text.contains("合计 4 1074 2 2"), text);
    }

    /** The row with this spreadsheet number (1 = the first): empty rows are not read. */
    private static Row at(List<Row> rows, int number) {
        return rows.stream().filter(row -> row.getRowNum() == number).findFirst().orElseThrow();
    }

    private static String text(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document);
        }
    }
}
