package canbao.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/**
 * A roster file as rows of text: XLSX (first sheet) or CSV in UTF-8 (with or without BOM) or
 * GB18030 (what Excel on a Chinese Windows saves as "CSV"). The first non-empty row is the header;
 * row numbers are the spreadsheet's own, so an error report points at the row a clerk sees.
 */
public record TableFile(String encoding, List<String> headers, List<Line> lines) {

    /**
     * One data row: its number in the file (1 = the first line), its cells, trimmed, and which cells a
     * spreadsheet stored as numbers (an ID number saved that way has lost its last digits).
     */
    public record Line(int number, List<String> cells, java.util.Set<Integer> numberCells) {
        public Line {
            numberCells = java.util.Set.copyOf(numberCells);
        }

        public Line(int number, List<String> cells) {
            this(number, cells, java.util.Set.of());
        }

        public String cell(int column) {
            return column < cells.size() ? cells.get(column) : "";
        }

        /** Whether the cell was a number in the spreadsheet (not text, not a date). */
        public boolean isNumber(int column) {
            return numberCells.contains(column);
        }
    }

    public static final Charset GB18030 = Charset.forName("GB18030");

    public static TableFile read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            try (InputStream in = Files.newInputStream(file)) {
                return xlsx(in);
            }
        }
        return csv(Files.readAllBytes(file));
    }

    static TableFile csv(byte[] bytes) throws IOException {
        String encoding;
        String text;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            encoding = "UTF-8";
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                encoding = "UTF-8";
            } catch (CharacterCodingException notUtf8) {
                text = new String(bytes, GB18030);
                encoding = "GB18030";
            }
        }
        List<String> headers = null;
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(CSVFormat.DEFAULT)
                .get()) {
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(value -> cells.add(value.strip()));
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                // commons-csv counts records from 1; with no quoted line breaks that is the line number
                int number = (int) record.getRecordNumber();
                if (headers == null) {
                    headers = cells;
                } else {
                    lines.add(new Line(number, cells));
                }
            }
        }
        return new TableFile(encoding, headers == null ? List.of() : headers, lines);
    }

    static TableFile xlsx(InputStream in) throws IOException {
        List<String> headers = null;
        List<Line> lines = new ArrayList<>();
        try (ReadableWorkbook workbook = new ReadableWorkbook(in)) {
            List<Row> rows = workbook.getFirstSheet().read();
            for (Row row : rows) {
                List<String> cells = new ArrayList<>();
                java.util.Set<Integer> numbers = new java.util.HashSet<>();
                for (int column = 0; column < row.getCellCount(); column++) {
                    Cell cell = row.getCell(column);
                    cells.add(text(cell));
                    if (cell != null && cell.getType() == org.dhatim.fastexcel.reader.CellType.NUMBER
                            && !isDateFormat(cell.getDataFormatString())) {
                        numbers.add(column);
                    }
                }
                if (cells.stream().allMatch(String::isEmpty)) {
                    continue;
                }
                if (headers == null) {
                    headers = cells;
                } else {
                    lines.add(new Line(row.getRowNum(), cells, numbers));
                }
            }
        }
        return new TableFile("XLSX", headers == null ? List.of() : headers, lines);
    }

    /** A cell as the clerk reads it: numbers without ".0" or exponent, dates as yyyy-MM-dd. */
    private static String text(Cell cell) {
        if (cell == null || cell.getValue() == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> isDateFormat(cell.getDataFormatString()) ? cell.asDate().toLocalDate().toString()
                    : ((BigDecimal) cell.getValue()).stripTrailingZeros().toPlainString();
            case STRING, FORMULA, BOOLEAN -> String.valueOf(cell.getValue()).strip();
            default -> cell.getText() == null ? "" : cell.getText().strip();
        };
    }

    private static boolean isDateFormat(String format) {
        if (format == null) {
            return false;
        }
        String f = format.toLowerCase(Locale.ROOT).replaceAll("\"[^\"]*\"|\\[[^]]*]", "");
        return f.contains("yy") || f.contains("d") && f.contains("m");
    }
}
