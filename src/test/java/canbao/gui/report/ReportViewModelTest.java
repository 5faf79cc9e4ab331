package canbao.gui.report;

import canbao.store.TestKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.report.Bulletins;
import canbao.report.CoverageReport;
import canbao.report.RosterImport;
import canbao.store.CoverageStore;
import canbao.store.Database;
import canbao.service.NewbornWorklist;
import canbao.store.RosterStore;
import canbao.store.ShiftStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports of 统计报表: the bulletin and the shift summary land where the clerk chose. */
class ReportViewModelTest {

    @TempDir
    Path folder;

    private Database database;
    private ReportViewModel viewModel;

    @BeforeEach
    void open() throws Exception {
        database = Database.open(folder.resolve("data"), TestKeys.KEY);
        PolicyLibrary policies = PolicyLibrary.builtIn();
        // a day of the 2022 season: the screen opens on 2022
        Clock clock = Clock.fixed(java.time.Instant.parse("2022-03-01T02:00:00Z"), java.time.ZoneId.of("Asia/Shanghai"));
        viewModel = new ReportViewModel(new RosterImport(new RosterStore(database, clock), policies, clock),
                new CoverageReport(new CoverageStore(database), policies), new NewbornWorklist(database, policies, clock),
                new Bulletins("兴义镇", Localization.CHINESE), new ShiftStore(database),
                new canbao.report.SeasonDashboard(new canbao.store.SeasonStore(database), new CoverageStore(database),
                        clock), policies,
                new CurrentThreadTaskExecutor(), clock, "王芳", Localization.CHINESE);
        Files.writeString(folder.resolve("targets.csv"), "村(社区),应参保人数\n兴义村,1200\n");
        viewModel.kindProperty().set(RosterImport.Kind.TARGETS);
        viewModel.fileProperty().set(folder.resolve("targets.csv").toString());
        viewModel.importFile();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void importedTargetsShowAtOnceAndTheBulletinIsExportedAsPdf() throws Exception {
        assertTrue(viewModel.importStatusProperty().get().startsWith("已导入应参保人数：文件共1行；记录（户、人员、类别或村）新增1条"),
                viewModel.importStatusProperty().get());
        assertEquals(1.0, viewModel.progressProperty().get());
        assertEquals("兴义村", viewModel.villages().get(0).village());
        assertEquals(1200, viewModel.villages().get(0).target());

        Path pdf = folder.resolve("通报.pdf");
        viewModel.exportBulletin(pdf);

        assertEquals("已导出：" + pdf, viewModel.importStatusProperty().get());
        try (var document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("兴义镇2022年度城乡居民医保参保进度通报") && text.contains("1200"), text);
        }
    }

    @Test
    void shiftSummaryIsExportedAsXlsx() throws Exception {
        Path xlsx = folder.resolve("班次.xlsx");
        viewModel.exportShift(xlsx);

        assertEquals("已导出：" + xlsx, viewModel.importStatusProperty().get());
        try (var workbook = new org.dhatim.fastexcel.reader.ReadableWorkbook(xlsx.toFile())) {
            assertTrue(workbook.getFirstSheet().read().get(0).getCellText(0).startsWith("兴义镇参保登记班次汇总"));
        }
    }
}
