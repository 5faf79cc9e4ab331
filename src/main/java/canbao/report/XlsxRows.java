package canbao.report;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The first sheet of an XLSX file, row by row, read with the JDK's zip and StAX (no DOM, no whole
 * sheet): the parts are found through the package's relationships, shared strings are kept compactly
 * (one char array per megabyte, not a String each), dates are told from numbers by the cell's style.
 * Every part goes through {@link XmlGuard}; the bounds are {@link #MAX_UNPACKED} bytes unpacked,
 * {@link #MAX_SHARED_STRINGS} shared strings of {@link #MAX_SHARED_CHARS} characters in all, and
 * {@link TableFile}'s rows, cell length and columns.
 */
final class XlsxRows implements TableFile.Rows {

    /** Bytes all parts read may unpack to (a 1,048,576-row roster's sheet is ≈ 400 MB). */
    static final long MAX_UNPACKED = 1L << 30;
    /** Shared strings of a workbook (a 1,000,000-row roster has ≈ 2.7 million). */
    static final int MAX_SHARED_STRINGS = 4_194_304;
    /** Characters of all shared strings together (≈ 64 MB of memory at most). */
    static final int MAX_SHARED_CHARS = 32 * 1024 * 1024;

    /** Bytes of the zip's directory of parts (an XLSX has a few dozen parts: a few kilobytes). */
    static final long MAX_CENTRAL_DIRECTORY = 1 << 20;

    /**
     * The JDK's own StAX parser, whatever else is on the class path (Jackson brings Aalto, which holds a
     * text node whole): it hands text over in pieces of 16 K characters, so a long string can be refused
     * before it is held.
     */
    private static final XMLInputFactory XML = XMLInputFactory.newDefaultFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_COALESCING, false);
        XML.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }

    /** Built-in number formats that are dates or times (ECMA-376 18.8.30, and the CJK ones). */
    private static final BitSet BUILT_IN_DATES = new BitSet();

    static {
        BUILT_IN_DATES.set(14, 23);
        BUILT_IN_DATES.set(27, 37);
        BUILT_IN_DATES.set(45, 48);
        BUILT_IN_DATES.set(50, 59);
    }

    private final ZipFile zip;
    private final XmlGuard.Budget budget = new XmlGuard.Budget(MAX_UNPACKED);
    private final SharedStrings strings = new SharedStrings();
    private final BitSet dateStyles = new BitSet();
    private boolean date1904;
    private InputStream sheetStream;
    private XMLStreamReader sheet;
    private int rowsRead;
    private int lastRow;

    private XlsxRows(ZipFile zip) {
        this.zip = zip;
    }

    static XlsxRows open(Path file) throws IOException {
        // the JDK reads a zip's whole central directory into one array: look at its size first
        if (centralDirectorySize(file) > MAX_CENTRAL_DIRECTORY) {
            throw new TableFile.Refused("import.unreadable");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException notZip) {
            throw new TableFile.Refused("import.unreadable");
        }
        XlsxRows rows = new XlsxRows(zip);
        try {
            rows.start();
            return rows;
        } catch (IOException | RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    /** Bytes of a zip's central directory, from its end record; -1 when there is none (not a zip). */
    static long centralDirectorySize(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            long size = channel.size();
            int tail = (int) Math.min(size, 65_535 + 22);
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(tail).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            channel.read(buffer, size - tail);
            for (int i = tail - 22; i >= 0; i--) {
                if (buffer.getInt(i) == 0x06054b50) {
                    return Integer.toUnsignedLong(buffer.getInt(i + 12));
                }
            }
            throw new TableFile.Refused("import.unreadable");
        }
    }

    private void start() throws IOException {
        String workbook = relationships("_rels/.rels", "").getOrDefault("officeDocument", "xl/workbook.xml");
        String folder = workbook.contains("/") ? workbook.substring(0, workbook.lastIndexOf('/') + 1) : "";
        String firstSheetId = workbook(workbook);
        Map<String, String> parts = relationships(folder + "_rels/" + workbook.substring(folder.length()) + ".rels",
                folder);
        String sheetPart = firstSheetId == null ? null : parts.get("id:" + firstSheetId);
        if (sheetPart == null) {
            throw new TableFile.Refused("import.unreadable");
        }
        String stylesPart = parts.get("styles");
        if (stylesPart != null && zip.getEntry(stylesPart) != null) {
            styles(stylesPart);
        }
        String stringsPart = parts.get("sharedStrings");
        if (stringsPart != null && zip.getEntry(stringsPart) != null) {
            sharedStrings(stringsPart);
        }
        sheetStream = part(sheetPart);
        sheet = reader(sheetStream);
    }

    private InputStream part(String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new TableFile.Refused("import.unreadable");
        }
        return new XmlGuard(zip.getInputStream(entry), budget);
    }

    private XMLStreamReader reader(InputStream in) throws IOException {
        try {
            return XML.createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw unreadable();
        }
    }

    /**
     * The parser wraps what its input threw: a bound crossed (kept by the guard) is said as that bound,
     * anything else as a file that cannot be read.
     */
    private TableFile.Refused unreadable() {
        return budget.refusal().orElseGet(() -> new TableFile.Refused("import.unreadable"));
    }

    /**
     * A part's relationships: by the last word of their type ("officeDocument", "styles",
     * "sharedStrings") and by id ("id:rId1"), targets resolved against {@code folder}.
     */
    private Map<String, String> relationships(String name, String folder) throws IOException {
        Map<String, String> found = new HashMap<>();
        if (zip.getEntry(name) == null) {
            return found;
        }
        try (InputStream in = part(name)) {
            XMLStreamReader xml = reader(in);
            while (xml.hasNext()) {
                if (xml.next() == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("Relationship")) {
                    String type = xml.getAttributeValue(null, "Type");
                    String target = xml.getAttributeValue(null, "Target");
                    String id = xml.getAttributeValue(null, "Id");
                    if (type == null || target == null || found.size() > 10_000) {
                        continue;
                    }
                    String path = resolve(folder, target);
                    found.putIfAbsent(type.substring(type.lastIndexOf('/') + 1), path);
                    if (id != null) {
                        found.put("id:" + id, path);
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw unreadable();
        }
        return found;
    }

    private static String resolve(String folder, String target) {
        String path = target.startsWith("/") ? target.substring(1) : folder + target;
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    /** The workbook's date system and the relationship id of its first sheet. */
    private String workbook(String name) throws IOException {
        try (InputStream in = part(name)) {
            XMLStreamReader xml = reader(in);
            while (xml.hasNext()) {
                if (xml.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (xml.getLocalName().equals("workbookPr")) {
                    String system = xml.getAttributeValue(null, "date1904");
                    date1904 = "1".equals(system) || "true".equalsIgnoreCase(system);
                } else if (xml.getLocalName().equals("sheet")) {
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        String namespace = xml.getAttributeNamespace(i);
                        if (xml.getAttributeLocalName(i).equals("id") && namespace != null && !namespace.isEmpty()) {
                            return xml.getAttributeValue(i);
                        }
                    }
                    return null;
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw unreadable();
        }
    }

    /** Which cell styles show numbers as dates. */
    private void styles(String name) throws IOException {
        Map<Integer, String> formats = new HashMap<>();
        try (InputStream in = part(name)) {
            XMLStreamReader xml = reader(in);
            boolean inCellXfs = false;
            int style = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "numFmt" -> {
                            Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
                            String code = xml.getAttributeValue(null, "formatCode");
                            if (id != null && code != null && formats.size() < 65_536) {
                                formats.put(id, code);
                            }
                        }
                        case "cellXfs" -> inCellXfs = true;
                        case "xf" -> {
                            if (inCellXfs) {
                                Integer id = integer(xml.getAttributeValue(null, "numFmtId"));
                                if (style < 65_536 && id != null && (formats.containsKey(id)
                                        ? isDateFormat(formats.get(id)) : BUILT_IN_DATES.get(id))) {
                                    dateStyles.set(style);
                                }
                                style++;
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT && xml.getLocalName().equals("cellXfs")) {
                    inCellXfs = false;
                }
            }
        } catch (XMLStreamException e) {
            throw unreadable();
        }
    }

    private void sharedStrings(String name) throws IOException {
        try (InputStream in = part(name)) {
            XMLStreamReader xml = reader(in);
            StringBuilder text = new StringBuilder();
            int phonetic = 0;
            boolean inText = false;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "si" -> text.setLength(0);
                        case "rPh" -> phonetic++;
                        case "t" -> inText = phonetic == 0;
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    switch (xml.getLocalName()) {
                        case "si" -> strings.add(text);
                        case "rPh" -> phonetic--;
                        case "t" -> inText = false;
                        default -> { }
                    }
                } else if (inText && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                        || event == XMLStreamConstants.SPACE)) {
                    if (text.length() + xml.getTextLength() > TableFile.MAX_CELL) {
                        throw new TableFile.Refused("import.limit.sharedString", strings.size() + 1,
                                TableFile.MAX_CELL);
                    }
                    text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
                }
            }
        } catch (XMLStreamException e) {
            throw unreadable();
        }
    }

    @Override
    public TableFile.Line next() throws IOException {
        try {
            while (sheet.hasNext()) {
                if (sheet.next() == XMLStreamConstants.START_ELEMENT && sheet.getLocalName().equals("row")) {
                    return row();
                }
            }
            return null;
        } catch (XMLStreamException e) {
            throw unreadable();
        }
    }

    private TableFile.Line row() throws XMLStreamException, IOException {
        if (++rowsRead > TableFile.MAX_ROWS) {
            throw new TableFile.Refused("import.limit.rows", TableFile.MAX_ROWS);
        }
        Integer written = integer(sheet.getAttributeValue(null, "r"));
        int number = written != null && written > 0 ? written : lastRow + 1;
        lastRow = number;
        List<String> cells = new ArrayList<>();
        Set<Integer> numbers = new HashSet<>();
        int column = -1;
        int cellsSeen = 0;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.END_ELEMENT && sheet.getLocalName().equals("row")) {
                break;
            }
            if (event != XMLStreamConstants.START_ELEMENT || !sheet.getLocalName().equals("c")) {
                continue;
            }
            String reference = sheet.getAttributeValue(null, "r");
            int at = reference == null ? -1 : column(reference);
            column = at >= 0 ? at : column + 1;
            if (column >= TableFile.MAX_COLUMNS || ++cellsSeen > TableFile.MAX_COLUMNS) {
                throw new TableFile.Refused("import.limit.columns", number, TableFile.MAX_COLUMNS);
            }
            Integer style = integer(sheet.getAttributeValue(null, "s"));
            String type = sheet.getAttributeValue(null, "t");
            Cell cell = cell(number, column, type, style != null && style >= 0 && dateStyles.get(style));
            while (cells.size() <= column) {
                cells.add("");
            }
            cells.set(column, cell.text().strip());
            if (cell.number()) {
                numbers.add(column);
            } else {
                numbers.remove(column);
            }
        }
        return new TableFile.Line(number, cells, numbers);
    }

    private record Cell(String text, boolean number) {
    }

    /** Reads a {@code <c>} to its end: the text a clerk sees, and whether it was a plain number. */
    private Cell cell(int row, int column, String type, boolean dateStyle) throws XMLStreamException, IOException {
        StringBuilder value = new StringBuilder();
        StringBuilder inline = new StringBuilder();
        boolean formula = false;
        String reading = null;
        int phonetic = 0;
        while (sheet.hasNext()) {
            int event = sheet.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (sheet.getLocalName()) {
                    case "v" -> reading = "v";
                    case "t" -> reading = phonetic == 0 ? "t" : null;
                    case "f" -> formula = true;
                    case "rPh" -> phonetic++;
                    default -> { }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                switch (sheet.getLocalName()) {
                    case "c" -> {
                        return value(type, value.toString().strip(), inline.toString(), formula, dateStyle);
                    }
                    case "rPh" -> phonetic--;
                    case "v", "t" -> reading = null;
                    default -> { }
                }
            } else if (reading != null && (event == XMLStreamConstants.CHARACTERS
                    || event == XMLStreamConstants.CDATA || event == XMLStreamConstants.SPACE)) {
                StringBuilder into = reading.equals("v") ? value : inline;
                if (into.length() + sheet.getTextLength() > TableFile.MAX_CELL) {
                    throw new TableFile.Refused("import.limit.cell", row, column + 1, TableFile.MAX_CELL);
                }
                into.append(sheet.getTextCharacters(), sheet.getTextStart(), sheet.getTextLength());
            }
        }
        throw new TableFile.Refused("import.unreadable");
    }

    private Cell value(String type, String value, String inline, boolean formula, boolean dateStyle)
            throws TableFile.Refused {
        if (type == null || type.equals("n")) {
            if (value.isEmpty()) {
                return new Cell("", false);
            }
            if (formula) {
                return new Cell(value, false);
            }
            BigDecimal number;
            try {
                number = new BigDecimal(value);
            } catch (NumberFormatException notNumber) {
                return new Cell(value, false);
            }
            if (dateStyle) {
                LocalDate date = date(number);
                return date == null ? new Cell(value, false) : new Cell(date.toString(), false);
            }
            // an exponent of thousands would write thousands of digits
            if (Math.abs(number.scale()) > 64) {
                return new Cell(value, true);
            }
            return new Cell(number.stripTrailingZeros().toPlainString(), true);
        }
        return switch (type) {
            case "s" -> {
                Integer index = integer(value);
                if (index == null || index < 0 || index >= strings.size()) {
                    throw new TableFile.Refused("import.unreadable");
                }
                yield new Cell(strings.get(index), false);
            }
            case "inlineStr" -> new Cell(inline, false);
            case "b" -> new Cell("1".equals(value) ? "true" : "false", false);
            default -> new Cell(value, false);
        };
    }

    /** An Excel serial day as a date (1900 system with its leap-year mistake, or 1904), if a plausible one. */
    private LocalDate date(BigDecimal serial) {
        if (serial.signum() < 0 || serial.compareTo(BigDecimal.valueOf(2_958_466)) >= 0) {
            return null;
        }
        long days = serial.longValue();
        if (date1904) {
            return LocalDate.of(1904, 1, 1).plusDays(days);
        }
        return days < 61 ? LocalDate.of(1899, 12, 31).plusDays(days) : LocalDate.of(1899, 12, 30).plusDays(days);
    }

    /** "C12" → 2; -1 when the reference has no column letters. */
    private static int column(String reference) {
        int column = 0;
        int letters = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c >= 'A' && c <= 'Z' && letters < 4) {
                column = column * 26 + (c - 'A' + 1);
                letters++;
            } else {
                break;
            }
        }
        return letters == 0 ? -1 : column - 1;
    }

    private static Integer integer(String text) {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return null;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static boolean isDateFormat(String format) {
        if (format == null) {
            return false;
        }
        String f = format.toLowerCase(Locale.ROOT).replaceAll("\"[^\"]*\"|\\[[^]]*]", "");
        return f.contains("yy") || f.contains("d") && f.contains("m");
    }

    @Override
    public void close() throws IOException {
        try {
            if (sheet != null) {
                sheet.close();
            }
        } catch (XMLStreamException ignored) {
            // closing
        }
        zip.close();
    }

    /**
     * Shared strings packed into char blocks of 1 M characters (a string never spans two), found by
     * their start; a String is made only when a cell asks for one.
     */
    private static final class SharedStrings {
        private static final int BLOCK = 1 << 20;
        private final List<char[]> blocks = new ArrayList<>();
        private int[] starts = new int[1024];
        private int[] lengths = new int[1024];
        private int size;
        private int used = BLOCK;
        private long total;

        void add(CharSequence text) throws TableFile.Refused {
            if (size >= MAX_SHARED_STRINGS) {
                throw new TableFile.Refused("import.limit.sharedStrings", MAX_SHARED_STRINGS, MAX_SHARED_CHARS >> 20);
            }
            total += text.length();
            if (total > MAX_SHARED_CHARS) {
                throw new TableFile.Refused("import.limit.sharedStrings", MAX_SHARED_STRINGS, MAX_SHARED_CHARS >> 20);
            }
            if (used + text.length() > BLOCK) {
                blocks.add(new char[BLOCK]);
                used = 0;
            }
            char[] block = blocks.get(blocks.size() - 1);
            for (int i = 0; i < text.length(); i++) {
                block[used + i] = text.charAt(i);
            }
            if (size == starts.length) {
                starts = java.util.Arrays.copyOf(starts, size * 2);
                lengths = java.util.Arrays.copyOf(lengths, size * 2);
            }
            starts[size] = (blocks.size() - 1) * BLOCK + used;
            lengths[size] = text.length();
            used += text.length();
            size++;
        }

        int size() {
            return size;
        }

        String get(int index) {
            int start = starts[index];
            return new String(blocks.get(start / BLOCK), start % BLOCK, lengths[index]);
        }
    }
}
