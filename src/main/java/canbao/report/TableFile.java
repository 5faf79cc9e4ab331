package canbao.report;

import canbao.model.Problem;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A roster file read row by row: XLSX (first sheet) or CSV in UTF-8 (with or without BOM) or GB18030
 * (what Excel on a Chinese Windows saves as "CSV"). The first non-empty row is the header; row numbers
 * are the spreadsheet's own, so an error report points at the row a clerk sees.
 *
 * <p>Nothing of the file is held whole: rows are streamed, and every size a hostile or broken file could
 * blow up is bounded ({@link #MAX_ROWS}, {@link #MAX_CELL}, {@link #MAX_COLUMNS}, {@link #MAX_FILE_BYTES},
 * and for XLSX {@link XlsxRows}'s unpacked bytes and shared strings). A bound crossed is a {@link Refused}
 * naming the bound, never an out-of-memory error.
 */
public final class TableFile implements Closeable {

    /** Rows (records) of a file, the header and empty rows included: Excel's own limit. */
    public static final int MAX_ROWS = 1_048_576;
    /** Characters of one cell: Excel's own limit. */
    public static final int MAX_CELL = 32_767;
    /** Columns of one row: Excel's own limit (XFD). */
    public static final int MAX_COLUMNS = 16_384;
    /** Bytes of the file as stored (a 1,000,000-row roster is ≈ 80 MB as CSV, ≈ 40 MB as XLSX). */
    public static final long MAX_FILE_BYTES = 1L << 30;
    /** Characters of one CSV record (all its cells, quoted line breaks included). */
    public static final int MAX_RECORD = 1 << 20;

    /** A bound of the file crossed, or a file that cannot be read as a table: said as a problem, nothing imported. */
    public static final class Refused extends IOException {
        private final transient Problem problem;

        public Refused(String key, Object... arguments) {
            super(key, null);
            this.problem = Problem.of("文件", key, arguments);
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * One data row: its number in the file (1 = the first line), its cells, trimmed, and which cells a
     * spreadsheet stored as numbers (an ID number saved that way has lost its last digits).
     */
    public record Line(int number, List<String> cells, Set<Integer> numberCells) {
        public Line {
            numberCells = Set.copyOf(numberCells);
        }

        public Line(int number, List<String> cells) {
            this(number, cells, Set.of());
        }

        public String cell(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column) : "";
        }

        /** Whether the cell was a number in the spreadsheet (not text, not a date). */
        public boolean isNumber(int column) {
            return numberCells.contains(column);
        }
    }

    /** The source of raw rows (empty ones included), CSV or XLSX. */
    interface Rows extends Closeable {
        /** The next row, or null at the end. */
        Line next() throws IOException;
    }

    public static final Charset GB18030 = Charset.forName("GB18030");

    private final String encoding;
    private final Rows rows;
    private final List<String> headers;
    private Line pending;
    private int count;

    private TableFile(String encoding, Rows rows) throws IOException {
        this.encoding = encoding;
        this.rows = rows;
        Line first = nextNonEmpty();
        this.headers = first == null ? List.of() : first.cells();
    }

    /** Opens a file for reading row by row; the header is read at once. */
    public static TableFile open(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new Refused("import.limit.fileBytes", MAX_FILE_BYTES >> 20);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            XlsxRows xlsx = XlsxRows.open(file);
            try {
                return new TableFile("XLSX", xlsx);
            } catch (IOException | RuntimeException e) {
                xlsx.close();
                throw e;
            }
        }
        boolean bom = hasBom(file);
        Charset charset = bom || isUtf8(file) ? StandardCharsets.UTF_8 : GB18030;
        CsvRows csv = new CsvRows(file, charset, bom);
        try {
            return new TableFile(charset == GB18030 ? "GB18030" : "UTF-8", csv);
        } catch (IOException | RuntimeException e) {
            csv.close();
            throw e;
        }
    }

    public String encoding() {
        return encoding;
    }

    public List<String> headers() {
        return headers;
    }

    /** The next data row that is not empty, or null at the end of the file. */
    public Line next() throws IOException {
        Line line = nextNonEmpty();
        if (line != null) {
            count++;
        }
        return line;
    }

    /** Data rows returned so far. */
    public int count() {
        return count;
    }

    /** Reads the rest of the data rows (small files and tests: a roster is read with {@link #next}). */
    public List<Line> rest() throws IOException {
        List<Line> lines = new ArrayList<>();
        for (Line line = next(); line != null; line = next()) {
            lines.add(line);
        }
        return lines;
    }

    private Line nextNonEmpty() throws IOException {
        for (Line line = rows.next(); line != null; line = rows.next()) {
            if (!line.cells().stream().allMatch(String::isEmpty)) {
                return line;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        rows.close();
    }

    private static boolean hasBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(3);
            return head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
        }
    }

    /** Whether the whole file decodes as UTF-8, read in pieces (never held whole). */
    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), strict)) {
            char[] buffer = new char[65_536];
            while (reader.read(buffer) >= 0) {
                // only whether it decodes
            }
            return true;
        } catch (CharacterCodingException notUtf8) {
            return false;
        }
    }

    /** CSV records through commons-csv, each record's characters bounded while they are read. */
    private static final class CsvRows implements Rows {
        private final CountingReader reader;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        CsvRows(Path file, Charset charset, boolean bom) throws IOException {
            InputStream in = Files.newInputStream(file);
            if (bom) {
                in.skipNBytes(3);
            }
            this.reader = new CountingReader(new InputStreamReader(in, charset));
            this.parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.DEFAULT).get();
            this.records = parser.iterator();
        }

        @Override
        public Line next() throws IOException {
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            reader.recordEnded();
            // commons-csv counts records from 1; with no quoted line breaks that is the line number
            long number = record.getRecordNumber();
            if (number > MAX_ROWS) {
                throw new Refused("import.limit.rows", MAX_ROWS);
            }
            if (record.size() > MAX_COLUMNS) {
                throw new Refused("import.limit.columns", number, MAX_COLUMNS);
            }
            List<String> cells = new ArrayList<>(record.size());
            for (String value : record) {
                if (value.length() > MAX_CELL) {
                    throw new Refused("import.limit.cell", number, cells.size() + 1, MAX_CELL);
                }
                cells.add(value.strip());
            }
            return new Line((int) number, cells);
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    /**
     * Counts the characters handed to the parser since the last record ended; a record longer than
     * {@link #MAX_RECORD} (plus the parser's read-ahead) is refused before the parser can hold it.
     */
    private static final class CountingReader extends java.io.FilterReader {
        private long sinceRecord;

        CountingReader(Reader in) {
            super(in);
        }

        void recordEnded() {
            sinceRecord = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            if (c >= 0) {
                count(1);
            }
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws Refused {
            sinceRecord += n;
            // the parser reads ahead by its buffer (8,192 characters): allow for it
            if (sinceRecord > MAX_RECORD + 65_536L) {
                throw new Refused("import.limit.record", MAX_RECORD);
            }
        }
    }
}
