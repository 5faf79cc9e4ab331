package canbao.gui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javafx.print.PageLayout;
import javafx.print.PrinterJob;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.stage.Window;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Sends a PDF printout to a printer through the JavaFX print API: each page rendered at 150 dpi
 * (PDFBox) and printed as an image fitted to the printable area, after the system's print dialog.
 */
public final class PdfPrinting {

    private PdfPrinting() {
    }

    /** Returns false when there is no printer or the clerk cancelled the dialog. */
    public static boolean print(Path pdf, Window owner) throws IOException {
        PrinterJob job = PrinterJob.createPrinterJob();
        if (job == null || !job.showPrintDialog(owner)) {
            return false;
        }
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            PageLayout layout = job.getJobSettings().getPageLayout();
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                ImageView view = new ImageView(image(renderer.renderImageWithDPI(page, 150)));
                view.setPreserveRatio(true);
                view.setFitWidth(layout.getPrintableWidth());
                view.setFitHeight(layout.getPrintableHeight());
                if (!job.printPage(view)) {
                    job.cancelJob();
                    return false;
                }
            }
        }
        return job.endJob();
    }

    private static WritableImage image(BufferedImage rendered) {
        WritableImage image = new WritableImage(rendered.getWidth(), rendered.getHeight());
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < rendered.getHeight(); y++) {
            for (int x = 0; x < rendered.getWidth(); x++) {
                pixels.setArgb(x, y, rendered.getRGB(x, y));
            }
        }
        return image;
    }
}
