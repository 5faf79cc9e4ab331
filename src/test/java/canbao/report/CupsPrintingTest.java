package canbao.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.Database;
import canbao.service.HouseholdEntry;
import canbao.service.HouseholdService;
import canbao.store.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20, defect 11, on a real printing system: the 缴费凭条 printed through the production code
 * ({@link SystemPrinting}) to a CUPS queue whose backend is cups-pdf; the file that queue prints holds
 * the names and amounts as text, on A4, at the actual size, under the document's name.
 *
 * <p>The queue is {@code CANBAO_TEST_CUPS_QUEUE} (default {@code canbao-pdf}, set up by {@code .ci/run}:
 * cups, printer-driver-cups-pdf and cups-bsd from Debian, and {@code lpadmin -p canbao-pdf -v cups-pdf:/
 * -P CUPS-PDF_noopt.ppd -o pdftops-renderer-default=pdftocairo -E}); cups-pdf writes to
 * {@code CANBAO_TEST_CUPS_OUT}, else {@code ~/PDF} or {@code /var/spool/cups-pdf/USER}. Under CI=true a
 * missing queue fails the test; elsewhere it is skipped.
 */
class CupsPrintingTest {

    private static final Path HOME = Path.of(System.getProperty("user.home"));

    @TempDir
    Path folder;

    @Test
    void receiptPrintedToACupsPdfQueueHoldsNamesAndAmountsAsTextOnA4AtActualSize() throws Exception {
        String queue = Optional.ofNullable(System.getenv("CANBAO_TEST_CUPS_QUEUE")).orElse("canbao-pdf");
        SystemPrinting printing = SystemPrinting.system();
        if (!printing.printers().contains(queue)) {
            String missing = "no CUPS queue " + queue + " (printers: " + printing.printers()
                    + "); .ci/run installs cups, printer-driver-cups-pdf, cups-bsd and adds it with lpadmin";
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
        // a receipt number of this run: the printed file is told from others' by it
        String receiptNo = "C" + (System.currentTimeMillis() % 100_000_000L);
        Printouts.Document receipt;
        try (Database database = Database.open(folder.resolve("data"), TestKeys.KEY)) {
            HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                    new QuoteEngine(Localization.CHINESE), Clock.systemUTC());
            var saved = households.save(new HouseholdEntry("0012", "兴义村", "3组", null, null, List.of(
                    new HouseholdEntry.Member("张三", RosterImportTest.ZHANG, null, null, "户主", "汉", List.of(), null,
                            null, new HouseholdEntry.EnrollmentRequest(2022, 2, LocalDate.of(2022, 1, 10), receiptNo,
                            null, null)),
                    new HouseholdEntry.Member("李四", RosterImportTest.LI, null, null, "配偶", "汉",
                            List.of(new HouseholdEntry.Category("DIBAO", "民政办", LocalDate.of(2021, 12, 1))), null,
                            null, new HouseholdEntry.EnrollmentRequest(2022, 1, LocalDate.of(2022, 1, 10), receiptNo,
                            null, null)))), "王芳");
            assertTrue(saved.isValid(), saved.problems()::toString);
            receipt = new Printouts(PolicyLibrary.builtIn(), "兴义镇", "王芳", Localization.CHINESE)
                    .receipt(households.load(saved.value().household().id(), 2022).orElseThrow(), 2022,
                            LocalDate.of(2022, 1, 10));
        }
        Instant sent = Instant.now().minusSeconds(2);

        Printing.Result result = printing.print(queue, receipt.name(), receipt.pdf());

        assertEquals(Printing.Outcome.SENT, result.outcome(), result::toString);
        Path printed = waitForPrinted(receiptNo, sent);
        try (PDDocument document = Loader.loadPDF(printed.toFile());
             PDDocument original = Loader.loadPDF(receipt.pdf())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("缴费凭条"), text);
            assertTrue(text.contains("张三") && text.contains("李四"), text);
            assertTrue(text.contains("695元") && text.contains("32元"), text);
            assertTrue(text.contains("727元") && text.contains("柒佰贰拾柒元整"), text);
            assertTrue(text.contains("收据号：" + receiptNo), text);
            assertTrue(text.lines().anyMatch(line -> line.contains("500230********1079")), text);
            assertEquals(1, document.getNumberOfPages());
            assertEquals(595, document.getPage(0).getMediaBox().getWidth(), 1.5, "A4 wide");
            assertEquals(842, document.getPage(0).getMediaBox().getHeight(), 1.5, "A4 high");
            // actual size: the household line starts where it does in the PDF sent, and is as long
            Line sentLine = line(original, "户号");
            Line printedLine = line(document, "户号");
            System.out.printf("cups-pdf: household line sent at x=%.1f y=%.1f w=%.1f, printed at x=%.1f y=%.1f w=%.1f;"
                    + " page %.1f x %.1f pt%n", sentLine.x(), sentLine.y(), sentLine.width(), printedLine.x(),
                    printedLine.y(), printedLine.width(), document.getPage(0).getMediaBox().getWidth(),
                    document.getPage(0).getMediaBox().getHeight());
            assertEquals(sentLine.x(), printedLine.x(), 1.5, "left edge of the household line, pt");
            assertEquals(sentLine.y(), printedLine.y(), 1.5, "baseline of the household line, pt");
            assertEquals(1.0, printedLine.width() / sentLine.width(), 0.01, "scale");
            assertEquals(receipt.name(), title(document), "the job's name, as cups-pdf titles the file");
        } finally {
            Files.deleteIfExists(printed);
        }
    }

    /** The file cups-pdf writes for this job: the newest PDF, since it was sent, holding the receipt number. */
    private static Path waitForPrinted(String receiptNo, Instant sent) throws Exception {
        List<Path> folders = new ArrayList<>();
        Optional.ofNullable(System.getenv("CANBAO_TEST_CUPS_OUT")).map(Path::of).ifPresent(folders::add);
        folders.add(HOME.resolve("PDF"));
        folders.add(Path.of("/var/spool/cups-pdf", System.getProperty("user.name")));
        folders.add(Path.of("/var/spool/cups-pdf/ANONYMOUS"));
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            for (Path candidate : folders) {
                if (!Files.isDirectory(candidate)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(candidate)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".pdf")).toList()) {
                        if (Files.getLastModifiedTime(file).toInstant().isBefore(sent)) {
                            continue;
                        }
                        try (PDDocument document = Loader.loadPDF(file.toFile())) {
                            if (new PDFTextStripper().getText(document).contains(receiptNo)) {
                                return file;
                            }
                        } catch (IOException stillBeingWritten) {
                            // cups-pdf is still writing it: look again
                        }
                    }
                }
            }
            Thread.sleep(250);
        }
        fail("cups-pdf wrote no PDF with receipt " + receiptNo + " within 90 s in " + folders
                + " (see /var/log/cups/error_log and cups-pdf_log)");
        return null;
    }

    private record Line(double x, double y, double width) {
    }

    /** Where the first line holding {@code words} starts (x, baseline from the top) and how wide it is. */
    private static Line line(PDDocument document, String words) throws IOException {
        List<Line> found = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                if (found.isEmpty() && text.contains(words) && !positions.isEmpty()) {
                    TextPosition first = positions.get(0);
                    TextPosition last = positions.get(positions.size() - 1);
                    found.add(new Line(first.getXDirAdj(), first.getYDirAdj(),
                            last.getXDirAdj() + last.getWidthDirAdj() - first.getXDirAdj()));
                }
                super.writeString(text, positions);
            }
        };
        stripper.getText(document);
        assertTrue(!found.isEmpty(), "no line with " + words);
        return found.get(0);
    }

    /** The PDF's title as cups-pdf writes it (the job's name in UTF-8 bytes, or UTF-16 with a byte-order mark). */
    private static String title(PDDocument document) {
        if (!(document.getDocumentInformation().getCOSObject().getDictionaryObject(COSName.TITLE)
                instanceof COSString title)) {
            return null;
        }
        byte[] bytes = title.getBytes();
        boolean utf16 = bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff;
        String text = (utf16 ? title.getString() : new String(bytes, StandardCharsets.UTF_8)).strip();
        // cups-pdf keeps the PostScript string's parentheses
        return text.startsWith("(") && text.endsWith(")") ? text.substring(1, text.length() - 1).strip() : text;
    }
}
