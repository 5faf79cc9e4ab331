package canbao.report;

import java.awt.print.PrinterException;
import java.awt.print.PrinterJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.print.PrintService;
import javax.print.PrintServiceLookup;
import javax.print.attribute.HashPrintRequestAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.standard.JobName;
import javax.print.attribute.standard.MediaSizeName;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.printing.PDFPageable;

/**
 * The machine's printers through Java's print services, and the job sent two ways:
 * <ul>
 *   <li>Linux and macOS (CUPS): the PDF itself goes to the queue through the spooler's client
 *   command — {@code lpr -P queue -J name} (cups-bsd), else {@code lp -d queue -t name} (cups-client)
 *   — on its standard input, with {@code media=A4} and {@code print-scaling=none}. CUPS renders the
 *   PDF for the printer (vector, actual size); the command's exit status and message say whether the
 *   job was taken. The JDK's own route runs the same {@code /usr/bin/lpr} but first copies the job to
 *   a file in the system temporary folder, and turns PDFBox's glyphs into outlines, so that text can
 *   no longer be searched; this route copies nothing and keeps the text.</li>
 *   <li>Windows: {@link PrinterJob} with PDFBox's {@link PDFPageable} (each page at its own size, not
 *   scaled), under the document's name and A4.</li>
 * </ul>
 */
public final class SystemPrinting implements Printing {

    private static final Logger LOG = Logger.getLogger(SystemPrinting.class.getName());
    /** How long the spooler command may take to accept a job. */
    private static final long SPOOLER_SECONDS = 60;
    /** At most this much of the spooler's message is kept (it reaches the screen). */
    private static final int MESSAGE_CHARACTERS = 300;

    private final Supplier<List<PrintService>> services;
    private final Supplier<Optional<PrintService>> defaultService;
    private final Function<String, Optional<Path>> commands;
    private final boolean cups;

    /**
     * @param services       the printers (Java's print service lookup, or a test's list)
     * @param defaultService the system's default printer
     * @param commands       finds an executable by name (lpr, lp), empty when not installed
     * @param cups           send the PDF as such to CUPS (Linux, macOS); else through PrinterJob
     */
    public SystemPrinting(Supplier<List<PrintService>> services, Supplier<Optional<PrintService>> defaultService,
                          Function<String, Optional<Path>> commands, boolean cups) {
        this.services = services;
        this.defaultService = defaultService;
        this.commands = commands;
        this.cups = cups;
    }

    /** This machine's printers and spooler commands. */
    public static SystemPrinting system() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new SystemPrinting(() -> Arrays.asList(PrintServiceLookup.lookupPrintServices(null, null)),
                () -> Optional.ofNullable(PrintServiceLookup.lookupDefaultPrintService()),
                SystemPrinting::onPath, !windows);
    }

    /** This machine with no printer at all (tests, and a counter that only saves PDFs). */
    public static SystemPrinting none() {
        return new SystemPrinting(List::of, Optional::empty, SystemPrinting::onPath, true);
    }

    @Override
    public List<String> printers() {
        List<String> names = new ArrayList<>();
        defaultService.get().map(PrintService::getName).ifPresent(names::add);
        for (PrintService service : services.get()) {
            if (!names.contains(service.getName())) {
                names.add(service.getName());
            }
        }
        return names;
    }

    @Override
    public Result print(String printer, String documentName, byte[] pdf) {
        Optional<PrintService> service = services.get().stream()
                .filter(candidate -> candidate.getName().equals(printer)).findFirst();
        if (service.isEmpty()) {
            return new Result(Outcome.NO_PRINTER, printer, null);
        }
        return cups ? spool(printer, documentName, pdf) : printPageable(service.get(), documentName, pdf);
    }

    /** The spooler's client command, or which one is missing: lpr (cups-bsd), else lp (cups-client). */
    Optional<List<String>> spoolerCommand(String printer, String documentName) {
        Optional<Path> lpr = commands.apply("lpr");
        if (lpr.isPresent()) {
            return Optional.of(List.of(lpr.get().toString(), "-P", printer, "-J", documentName,
                    "-o", "media=A4", "-o", "print-scaling=none"));
        }
        // lp reads the job from its standard input when no file is named
        return commands.apply("lp").map(lp -> List.of(lp.toString(), "-d", printer, "-t", documentName,
                "-o", "media=A4", "-o", "print-scaling=none"));
    }

    private Result spool(String printer, String documentName, byte[] pdf) {
        Optional<List<String>> command = spoolerCommand(printer, documentName);
        if (command.isEmpty()) {
            return new Result(Outcome.NO_SPOOLER, printer, "lpr / lp");
        }
        Process process;
        try {
            process = new ProcessBuilder(command.get()).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(Outcome.NO_SPOOLER, printer, command.get().get(0));
        }
        try {
            CompletableFuture<String> said = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            try (OutputStream in = process.getOutputStream()) {
                in.write(pdf);
            } catch (IOException e) {
                // the command ended before taking the whole job: its exit status and message say why
                LOG.log(Level.FINE, "spooler closed its input", e);
            }
            if (!process.waitFor(SPOOLER_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(Outcome.FAILED, printer, "打印命令" + SPOOLER_SECONDS + "秒未结束");
            }
            String message = said.get(5, TimeUnit.SECONDS).strip();
            if (process.exitValue() != 0) {
                return new Result(Outcome.FAILED, printer, message.isEmpty()
                        ? command.get().get(0) + " exit " + process.exitValue() : message);
            }
            return new Result(Outcome.SENT, printer, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return new Result(Outcome.FAILED, printer, "已中断");
        } catch (Exception e) {
            process.destroyForcibly();
            LOG.log(Level.WARNING, "printing failed", e);
            return new Result(Outcome.FAILED, printer, String.valueOf(e.getMessage()));
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.transferTo(out);
            String text = out.toString(Charset.defaultCharset());
            return text.length() > MESSAGE_CHARACTERS ? text.substring(0, MESSAGE_CHARACTERS) + "…" : text;
        } catch (IOException e) {
            return "";
        }
    }

    /** Java's printer job with PDFBox's pages: vector, each page at its actual size, A4, the document's name. */
    Result printPageable(PrintService service, String documentName, byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PrinterJob job = PrinterJob.getPrinterJob();
            job.setPrintService(service);
            job.setJobName(documentName);
            job.setPageable(new PDFPageable(document));
            PrintRequestAttributeSet attributes = new HashPrintRequestAttributeSet();
            attributes.add(new JobName(documentName, null));
            if (service.isAttributeValueSupported(MediaSizeName.ISO_A4, null, null)) {
                attributes.add(MediaSizeName.ISO_A4);
            }
            job.print(attributes);
            return new Result(Outcome.SENT, service.getName(), null);
        } catch (PrinterException | IOException e) {
            LOG.log(Level.WARNING, "printing failed", e);
            return new Result(Outcome.FAILED, service.getName(), String.valueOf(e.getMessage()));
        }
    }

    /** An executable of that name on the PATH, or in /usr/bin (where the JDK itself looks for lpr). */
    static Optional<Path> onPath(String name) {
        List<String> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(Arrays.asList(path.split(java.io.File.pathSeparator)));
        }
        folders.add("/usr/bin");
        for (String folder : folders) {
            if (folder.isBlank()) {
                continue;
            }
            Path candidate = Path.of(folder, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
