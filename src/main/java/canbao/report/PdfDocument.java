package canbao.report;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * A plain A4 document of titles, lines and ruled tables in Chinese, with the CJK font embedded (a
 * subset of it), so the printout looks the same on any PC and its text can be searched and read
 * back. The font is the first that exists of {@code CANBAO_PDF_FONT} and the usual Chinese system
 * fonts of Linux and Windows.
 */
public final class PdfDocument implements Closeable {

    /** Where a Chinese font is looked for, in order (after {@code CANBAO_PDF_FONT}). */
    static final List<String> FONT_PATHS = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "C:/Windows/Fonts/simhei.ttf",
            "C:/Windows/Fonts/msyh.ttc",
            "C:/Windows/Fonts/simsun.ttc");

    private static final float MARGIN = 50;
    private static final float TEXT = 10.5f;
    private static final float ROW = 18;
    /** Room left of and right of the text in a table cell. */
    private static final float PAD = 4;
    /** A column that gives up width to an unbreakable one keeps at least this many characters. */
    private static final int NARROWEST = 2;

    private final PDDocument document = new PDDocument();
    private final TrueTypeCollection collection;
    private final PDType0Font font;
    private PDPageContentStream page;
    private float y;

    public PdfDocument() throws IOException {
        Path file = fontFile();
        TrueTypeFont ttf;
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".ttc")) {
            collection = new TrueTypeCollection(file.toFile());
            TrueTypeFont[] first = new TrueTypeFont[1];
            collection.processAllFonts(candidate -> {
                if (first[0] == null) {
                    first[0] = candidate;
                }
            });
            ttf = first[0];
        } else {
            collection = null;
            ttf = new org.apache.fontbox.ttf.TTFParser().parse(
                    new org.apache.pdfbox.io.RandomAccessReadBufferedFile(file.toFile()));
        }
        font = PDType0Font.load(document, ttf, true);
        newPage();
    }

    /** The Chinese font file to embed, or an error saying how to name one. */
    static Path fontFile() throws IOException {
        String named = System.getenv("CANBAO_PDF_FONT");
        if (named != null && Files.isRegularFile(Path.of(named))) {
            return Path.of(named);
        }
        for (String candidate : FONT_PATHS) {
            if (Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IOException("找不到中文字体：请安装 fonts-wqy-microhei，或用环境变量 CANBAO_PDF_FONT 指定字体文件");
    }

    private void newPage() throws IOException {
        if (page != null) {
            page.close();
        }
        PDPage next = new PDPage(PDRectangle.A4);
        document.addPage(next);
        page = new PDPageContentStream(document, next);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private void room(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    public PdfDocument title(String text) throws IOException {
        room(30);
        float size = 16;
        float width = font.getStringWidth(text) / 1000 * size;
        write(text, (PDRectangle.A4.getWidth() - width) / 2, y - size, size);
        y -= 30;
        return this;
    }

    public PdfDocument line(String text) throws IOException {
        room(ROW);
        write(text, MARGIN, y - TEXT, TEXT);
        y -= ROW;
        return this;
    }

    /**
     * The document's name (its PDF title): what a print queue shows as the job and what the saved file
     * is called, e.g. "缴费凭条 户0012 2022-01-10".
     */
    public PdfDocument name(String name) {
        document.getDocumentInformation().setTitle(name);
        document.getDocumentInformation().setCreator("参保通");
        return this;
    }

    /**
     * The next half of an A4 page (催缴通知单: two slips a page): from the top half to the bottom half, a
     * dashed line to cut along between them; from the bottom half to a new page.
     */
    public PdfDocument nextHalfPage() throws IOException {
        float middle = PDRectangle.A4.getHeight() / 2;
        if (y > middle) {
            page.setLineDashPattern(new float[] {4, 4}, 0);
            page.moveTo(MARGIN / 2, middle);
            page.lineTo(PDRectangle.A4.getWidth() - MARGIN / 2, middle);
            page.stroke();
            page.setLineDashPattern(new float[] {}, 0);
            y = middle - MARGIN / 2;
        } else {
            newPage();
        }
        return this;
    }

    public PdfDocument gap() {
        y -= ROW / 2;
        return this;
    }

    /**
     * A ruled table; widths are parts of the text width. A cell too long for its column wraps onto
     * more lines: a printout never loses a digit of an ID number or an amount.
     */
    public PdfDocument table(List<String> headers, float[] widths, List<List<String>> rows) throws IOException {
        return table(headers, widths, rows, Set.of());
    }

    /**
     * A ruled table whose {@code whole} columns (ID numbers, amounts, dates) are never broken: such a
     * column first takes the width it needs from the others (each keeps room for two characters), and
     * a cell still too wide is set in a smaller type on one line. A split ID number is misread and
     * mistyped; other cells wrap.
     */
    public PdfDocument table(List<String> headers, float[] widths, List<List<String>> rows, Set<Integer> whole)
            throws IOException {
        float total = PDRectangle.A4.getWidth() - 2 * MARGIN;
        float[] columns = columns(widths, rows, whole, total);
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        float lineHeight = TEXT + 3;
        boolean header = true;
        for (List<String> row : all) {
            List<List<String>> cells = new ArrayList<>();
            int lines = 1;
            for (int c = 0; c < columns.length; c++) {
                String cell = c < row.size() && row.get(c) != null ? row.get(c) : "";
                List<String> wrapped = !header && whole.contains(c) ? List.of(cell)
                        : wrap(cell, columns[c] - PAD, TEXT);
                cells.add(wrapped);
                lines = Math.max(lines, wrapped.size());
            }
            float height = ROW + (lines - 1) * lineHeight;
            room(height);
            page.moveTo(MARGIN, y);
            page.lineTo(MARGIN + total, y);
            page.stroke();
            float x = MARGIN;
            for (int c = 0; c < columns.length; c++) {
                for (int l = 0; l < cells.get(c).size(); l++) {
                    String text = cells.get(c).get(l);
                    float size = TEXT;
                    if (!header && whole.contains(c)) {
                        float natural = width(text, TEXT);
                        if (natural > columns[c] - PAD) {
                            size = TEXT * (columns[c] - PAD) / natural;
                        }
                    }
                    write(text, x + PAD / 2, y - TEXT - 3 - l * lineHeight, size);
                }
                x += columns[c];
            }
            y -= height;
            header = false;
        }
        page.moveTo(MARGIN, y);
        page.lineTo(MARGIN + total, y);
        page.stroke();
        y -= ROW / 2;
        return this;
    }

    /** Column widths in points: the parts given, then the unbreakable columns widened as far as the others allow. */
    private float[] columns(float[] widths, List<List<String>> rows, Set<Integer> whole, float total)
            throws IOException {
        float sum = 0;
        for (float w : widths) {
            sum += w;
        }
        float[] columns = new float[widths.length];
        for (int i = 0; i < widths.length; i++) {
            columns[i] = widths[i] / sum * total;
        }
        float[] missing = new float[columns.length];
        float missingTotal = 0;
        for (int c : whole) {
            float need = 0;
            for (List<String> row : rows) {
                if (c < row.size() && row.get(c) != null) {
                    need = Math.max(need, width(row.get(c), TEXT) + PAD);
                }
            }
            missing[c] = Math.max(0, need - columns[c]);
            missingTotal += missing[c];
        }
        if (missingTotal == 0) {
            return columns;
        }
        float narrowest = NARROWEST * TEXT + PAD;
        float[] spare = new float[columns.length];
        float spareTotal = 0;
        for (int c = 0; c < columns.length; c++) {
            if (!whole.contains(c)) {
                spare[c] = Math.max(0, columns[c] - narrowest);
                spareTotal += spare[c];
            }
        }
        float taken = Math.min(missingTotal, spareTotal);
        for (int c = 0; c < columns.length; c++) {
            if (whole.contains(c)) {
                columns[c] += missing[c] / missingTotal * taken;
            } else if (spareTotal > 0) {
                columns[c] -= spare[c] / spareTotal * taken;
            }
        }
        return columns;
    }

    private float width(String text, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }

    /** The text in lines no wider than {@code width}, broken between characters. */
    private List<String> wrap(String text, float width, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String next = line + new String(Character.toChars(codePoint));
            if (line.length() > 0 && font.getStringWidth(next) / 1000 * size > width) {
                lines.add(line.toString());
                line.setLength(0);
                continue;
            }
            line.appendCodePoint(codePoint);
            i += Character.charCount(codePoint);
        }
        lines.add(line.toString());
        return lines;
    }

    private void write(String text, float x, float baseline, float size) throws IOException {
        page.beginText();
        page.setFont(font, size);
        page.newLineAtOffset(x, baseline);
        page.showText(text);
        page.endText();
    }

    public void save(Path file) throws IOException {
        Files.write(file, bytes());
    }

    /** The finished PDF, in memory: printed or saved where the operator chose, never via a temporary file. */
    public byte[] bytes() throws IOException {
        if (page != null) {
            page.close();
            page = null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.close();
        }
        document.close();
        if (collection != null) {
            collection.close();
        }
    }
}
