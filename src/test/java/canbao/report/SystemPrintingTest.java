package canbao.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintService;
import javax.print.ServiceUIFactory;
import javax.print.StreamPrintServiceFactory;
import javax.print.attribute.Attribute;
import javax.print.attribute.AttributeSet;
import javax.print.attribute.HashPrintServiceAttributeSet;
import javax.print.attribute.PrintServiceAttribute;
import javax.print.attribute.PrintServiceAttributeSet;
import javax.print.event.PrintServiceAttributeListener;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The printing port on its own (issue 20, defect 11): no printer, no print command and a refused job
 * each come back as what happened, never as a silent "done"; a job goes to CUPS as the PDF itself,
 * named, on A4, unscaled; the Windows route draws vector pages at their own size. The spooler
 * commands here are small shell scripts standing in for lpr and lp (the operating system's, not ours);
 * {@code CupsPrintingTest} prints to a real CUPS queue.
 */
class SystemPrintingTest {

    private static final String JOB = "缴费凭条 户0012 2026-11-29";

    @TempDir
    Path folder;

    @Test
    void noPrinterAtAllIsSaidAsSuch() {
        SystemPrinting printing = new SystemPrinting(List::of, Optional::empty, name -> Optional.empty(), true);

        assertEquals(List.of(), printing.printers());
        assertEquals(Printing.Outcome.NO_PRINTER, printing.print("柜台打印机", JOB, pdf()).outcome());
    }

    @Test
    void theDefaultPrinterComesFirst() {
        PrintService office = new NamedService("办公室");
        PrintService counter = new NamedService("柜台打印机");
        SystemPrinting printing = new SystemPrinting(() -> List.of(office, counter), () -> Optional.of(counter),
                name -> Optional.empty(), true);

        assertEquals(List.of("柜台打印机", "办公室"), printing.printers());
    }

    /** The JDK hands CUPS jobs to lpr too: without cups-bsd or cups-client nothing can be printed, and that is said. */
    @Test
    void missingPrintCommandIsSaidAndNothingIsSent() {
        SystemPrinting printing = new SystemPrinting(() -> List.of(new NamedService("柜台打印机")), Optional::empty,
                name -> Optional.empty(), true);

        Printing.Result result = printing.print("柜台打印机", JOB, pdf());

        assertEquals(new Printing.Result(Printing.Outcome.NO_SPOOLER, "柜台打印机", "lpr / lp"), result);
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void pdfGoesToLprAsItIsUnderTheDocumentsNameOnA4Unscaled() throws Exception {
        Path lpr = script("lpr", "printf '%s\\n' \"$@\" > " + folder.resolve("args") + "\ncat > "
                + folder.resolve("job.pdf") + "\n");
        SystemPrinting printing = new SystemPrinting(() -> List.of(new NamedService("柜台打印机")), Optional::empty,
                name -> Optional.ofNullable(Map.of("lpr", lpr).get(name)), true);
        byte[] pdf = pdf();

        Printing.Result result = printing.print("柜台打印机", JOB, pdf);

        assertEquals(Printing.Outcome.SENT, result.outcome(), result::toString);
        assertEquals(List.of("-P", "柜台打印机", "-J", JOB, "-o", "media=A4", "-o", "print-scaling=none"),
                Files.readAllLines(folder.resolve("args"), StandardCharsets.UTF_8));
        assertArrayEquals(pdf, Files.readAllBytes(folder.resolve("job.pdf")), "the PDF itself, byte for byte");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void lpIsUsedWhenLprIsMissing() throws Exception {
        Path lp = script("lp", "printf '%s\\n' \"$@\" > " + folder.resolve("args") + "\ncat > /dev/null\n");
        SystemPrinting printing = new SystemPrinting(() -> List.of(new NamedService("柜台打印机")), Optional::empty,
                name -> Optional.ofNullable(Map.of("lp", lp).get(name)), true);

        assertEquals(Printing.Outcome.SENT, printing.print("柜台打印机", JOB, pdf()).outcome());
        assertEquals(List.of("-d", "柜台打印机", "-t", JOB, "-o", "media=A4", "-o", "print-scaling=none"),
                Files.readAllLines(folder.resolve("args"), StandardCharsets.UTF_8));
    }

    /** The job refused (a queue removed, CUPS stopped): nothing printed, and the spooler's own words. */
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void refusedJobIsReportedWithTheSpoolersWords() throws Exception {
        Path lpr = script("lpr", "cat > /dev/null\necho 'lpr: Error - The printer or class does not exist.' >&2\n"
                + "exit 1\n");
        SystemPrinting printing = new SystemPrinting(() -> List.of(new NamedService("柜台打印机")), Optional::empty,
                name -> Optional.ofNullable(Map.of("lpr", lpr).get(name)), true);

        Printing.Result result = printing.print("柜台打印机", JOB, pdf());

        assertEquals(new Printing.Result(Printing.Outcome.FAILED, "柜台打印机",
                "lpr: Error - The printer or class does not exist."), result);
    }

    /**
     * The Windows route (PrinterJob + PDFBox's PDFPageable), run here into a PostScript stream: the page
     * is A4, drawn as vector paths (no raster image of the page, as the JavaFX route printed), and the
     * job carries the document's name.
     */
    @Test
    void pageableRouteDrawsVectorPagesOnA4() throws Exception {
        ByteArrayOutputStream postscript = new ByteArrayOutputStream();
        StreamPrintServiceFactory factory = StreamPrintServiceFactory.lookupStreamPrintServiceFactories(
                DocFlavor.SERVICE_FORMATTED.PAGEABLE, "application/postscript")[0];
        PrintService stream = factory.getPrintService(postscript);

        Printing.Result result = SystemPrinting.none().printPageable(stream, JOB, pdf());

        assertEquals(Printing.Outcome.SENT, result.outcome(), result::toString);
        String text = postscript.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("/PageSize [595.2"), "A4 wide");
        assertTrue(text.contains(" 841.8"), "A4 high");
        assertTrue(text.contains("%%Page: 1 1"));
        assertEquals(1, text.split("imageSrc", -1).length - 1, "the image procedure is defined, never used");
    }

    private Path script(String name, String body) throws Exception {
        Path file = folder.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** A one-page A4 PDF with a ruled line (the spooler never reads it). */
    private static byte[] pdf() {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.moveTo(50, 790);
                content.lineTo(545, 790);
                content.stroke();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A printer as the print service lookup lists it: only its name is read before the job is spooled. */
    private record NamedService(String name) implements PrintService {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public DocPrintJob createPrintJob() {
            throw new UnsupportedOperationException("jobs go through the spooler command");
        }

        @Override
        public void addPrintServiceAttributeListener(PrintServiceAttributeListener listener) {
        }

        @Override
        public void removePrintServiceAttributeListener(PrintServiceAttributeListener listener) {
        }

        @Override
        public PrintServiceAttributeSet getAttributes() {
            return new HashPrintServiceAttributeSet();
        }

        @Override
        public <T extends PrintServiceAttribute> T getAttribute(Class<T> category) {
            return null;
        }

        @Override
        public DocFlavor[] getSupportedDocFlavors() {
            return new DocFlavor[] {DocFlavor.INPUT_STREAM.PDF};
        }

        @Override
        public boolean isDocFlavorSupported(DocFlavor flavor) {
            return DocFlavor.INPUT_STREAM.PDF.equals(flavor);
        }

        @Override
        public Class<?>[] getSupportedAttributeCategories() {
            return new Class<?>[0];
        }

        @Override
        public boolean isAttributeCategorySupported(Class<? extends Attribute> category) {
            return false;
        }

        @Override
        public Object getDefaultAttributeValue(Class<? extends Attribute> category) {
            return null;
        }

        @Override
        public Object getSupportedAttributeValues(Class<? extends Attribute> category, DocFlavor flavor,
                                                  AttributeSet attributes) {
            return null;
        }

        @Override
        public boolean isAttributeValueSupported(Attribute attribute, DocFlavor flavor, AttributeSet attributes) {
            return false;
        }

        @Override
        public AttributeSet getUnsupportedAttributes(DocFlavor flavor, AttributeSet attributes) {
            return null;
        }

        @Override
        public ServiceUIFactory getServiceUIFactory() {
            return null;
        }
    }
}
