package canbao.policy;

import canbao.model.Localization;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A policy table being authored by the county (README "Authoring a year's table"): the table file's
 * JSON, every figure in it with its value, status and cite, changed one value at a time, and checked by
 * the strict loader itself — nothing is valid here that {@link PolicyTableLoader} would refuse.
 *
 * <p>A <em>figure</em> is an object of the table that carries a {@code status} (the standards, a
 * payment window, a category, the waiting rule…; the waiting rule's {@code firstCountedYear} is one of
 * its own, with {@code firstCountedYearStatus}); its <em>values</em> are the numbers, dates and words in
 * it. A value the county enters ({@link #set}) is the county's: once every value of a figure is entered
 * (or the county confirms the figure as it stands, {@link #confirm}) the figure is {@code confirmed},
 * with {@code confirmedBy} and {@code confirmedOn}. Until then a value carried from last year is listed
 * in the figure's {@code carried} and the figure stays {@code provisional}: the program invents no
 * figure of a year, it only carries last year's and says so.
 */
public final class TableDraft {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final Pattern CARRIED_CITE = Pattern.compile("^沿用\\d{4}年度（待区县核定）：");
    private static final Pattern CATEGORY_BY_CODE = Pattern.compile("^categories\\[([A-Z][A-Z0-9_]*)]");
    private static final Locale WORDS = Localization.CHINESE;
    /** A path in the table (not a message key). */
    private static final String PREVIOUS_YEAR_BIRTHS_FIELD = "newborn.previousYearBirths";

    private final ObjectNode root;
    private String origin;

    private TableDraft(String origin, ObjectNode root) {
        this.origin = origin;
        this.root = root;
    }

    /** A table file as it is, to be changed (it may be invalid: {@link #check} says where). */
    public static TableDraft open(String origin, byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw PolicyTableException.unreadable(origin, new IOException(e.getOriginalMessage(), e));
        } catch (IOException e) {
            throw PolicyTableException.unreadable(origin, e);
        }
        if (root == null || root.isMissingNode()) {
            throw new PolicyTableException(origin, "", "table.empty");
        }
        if (!(root instanceof ObjectNode object)) {
            throw new PolicyTableException(origin, "", "table.type.object");
        }
        return new TableDraft(origin, object);
    }

    /**
     * Next year's draft from last year's table file, which must pass the strict loader: the year + 1,
     * version "YYYY-draft", every date of the year (payment windows, deadline, surcharge start) a year
     * later — a month's last day stays its month's last day, so 02-28 becomes 02-29 in a leap year and the
     * windows stay contiguous — and every figure {@code provisional}, its values {@code carried}, its cite
     * saying "沿用YYYY年度（待区县核定）". Month-days (the graduate window), the waiting rule's first
     * counted year and the documents' own dates do not move.
     */
    public static TableDraft nextYear(String previousOrigin, byte[] previousTable, String draftOrigin) {
        PolicyTable previous = PolicyTableLoader.read(previousOrigin, new ByteArrayInputStream(previousTable));
        TableDraft draft = open(draftOrigin, previousTable);
        int year = previous.year() + 1;
        ObjectNode root = draft.root;
        root.put("policyYear", year);
        root.put("version", year + "-draft");
        root.put("notes", Localization.format(WORDS, "table.draft.notes", previous.year(), year));
        for (JsonNode window : root.path("paymentWindows")) {
            shift((ObjectNode) window, "start");
            shift((ObjectNode) window, "end");
        }
        if (root.get("ordinaryDeadline") instanceof ObjectNode deadline) {
            shift(deadline, "date");
        }
        if (root.get("lateSurcharge") instanceof ObjectNode surcharge) {
            shift(surcharge, "from");
        }
        for (Unit unit : draft.units()) {
            unit.carryForward(previous.year());
        }
        return draft;
    }

    private static void shift(ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            return;
        }
        LocalDate date = LocalDate.parse(value.textValue());
        YearMonth month = YearMonth.from(date);
        LocalDate moved = date.equals(month.atEndOfMonth()) ? month.plusYears(1).atEndOfMonth() : date.plusYears(1);
        node.put(field, moved.toString());
    }

    /** Where the draft is said to come from in messages (its file). */
    public String origin() {
        return origin;
    }

    public void origin(String newOrigin) {
        this.origin = newOrigin;
    }

    public int year() {
        return root.path("policyYear").asInt();
    }

    public String version() {
        return root.path("version").asText();
    }

    /** The table's version (e.g. "2027-draft" → "2027.1" when the county publishes it). */
    public Check version(String version) {
        root.put("version", version == null ? "" : version.strip());
        return check();
    }

    /** The table file's bytes as they would be saved and signed: one figure a line, UTF-8, a final newline. */
    public byte[] bytes() {
        StringBuilder out = new StringBuilder("{\n");
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.append("  ").append(compact(NODES.textNode(field.getKey()))).append(": ");
            JsonNode value = field.getValue();
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                out.append("[\n");
                for (int i = 0; i < value.size(); i++) {
                    out.append("    ").append(compact(value.get(i))).append(i + 1 < value.size() ? ",\n" : "\n");
                }
                out.append("  ]");
            } else {
                out.append(compact(value));
            }
            out.append(fields.hasNext() ? ",\n" : "\n");
        }
        return out.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the strict loader says of the draft's bytes, with the figure a problem belongs to. */
    public Check check() {
        try {
            return new Check(PolicyTableLoader.read(origin, new ByteArrayInputStream(bytes())), null, null);
        } catch (PolicyTableException e) {
            return new Check(null, e, figureOf(e.field()));
        }
    }

    /**
     * @param table the table as the loader reads it; null when the draft is refused
     * @param problem the loader's refusal, naming the field; null when valid
     * @param figurePath the path of the figure's value the problem shows next to ({@link Figure#path()}),
     *                   null when it concerns no figure (the version, the sources)
     */
    public record Check(PolicyTable table, PolicyTableException problem, String figurePath) {
        public boolean valid() {
            return problem == null;
        }
    }

    /** Every value of every figure, in the file's order. */
    public List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        for (Unit unit : units()) {
            figures.addAll(unit.figures());
        }
        return figures;
    }

    /** The figure's value at {@code path} ({@code standards.tier1}, {@code categories[DIBAO].tier1}). */
    public Optional<Figure> figure(String path) {
        String normal = normalize(path);
        return figures().stream().filter(f -> f.path().equals(normal)).findFirst();
    }

    /**
     * The county enters a value: {@code typed} as the operator typed it (yuan, yyyy-MM-dd, MM-dd, a
     * whole number, a word, or codes separated by commas; empty for "no subsidy" or "open to the year's
     * end"). Whatever is typed is written, and the strict loader judges it; the value is no longer
     * carried, and the figure becomes {@code confirmed} by {@code by} on {@code on} once none of its
     * values is carried. {@code cite} (the county's notice) replaces the figure's cite when given; a
     * figure that becomes confirmed without one cites the county's entry.
     *
     * @throws PolicyTableException when the path names no value of the table
     */
    public Check set(String path, String typed, String by, LocalDate on, String cite) {
        Located located = locate(normalize(path));
        if (located.value == null) {
            throw new PolicyTableException(origin, path, "table.draft.noSuchValue");
        }
        located.value.write(located.unit.node, typed);
        Set<String> pending = located.unit.pending();
        pending.remove(located.value.relative);
        located.unit.record(pending, by, on, cite);
        return check();
    }

    /** The county confirms a figure as it stands (every value of it), e.g. a rule that has no number. */
    public Check confirm(String path, String by, LocalDate on, String cite) {
        Located located = locate(normalize(path));
        located.unit.record(new LinkedHashSet<>(), by, on, cite);
        return check();
    }

    private String normalize(String path) {
        String trimmed = path == null ? "" : path.strip();
        Matcher byCode = CATEGORY_BY_CODE.matcher(trimmed);
        if (byCode.find()) {
            JsonNode categories = root.path("categories");
            for (int i = 0; i < categories.size(); i++) {
                if (byCode.group(1).equals(categories.get(i).path("code").asText())) {
                    return "categories[" + i + "]" + trimmed.substring(byCode.end());
                }
            }
        }
        return trimmed;
    }

    private record Located(Unit unit, Value value) {
    }

    private Located locate(String path) {
        for (Unit unit : units()) {
            if (unit.path.equals(path)) {
                return new Located(unit, null);
            }
            for (Value value : unit.values) {
                if (unit.valuePath(value).equals(path)) {
                    return new Located(unit, value);
                }
            }
        }
        throw new PolicyTableException(origin, path, "table.draft.noSuchValue");
    }

    /** The figure value a loader complaint at {@code field} shows next to, or null for the table as a whole. */
    private String figureOf(String field) {
        if (field == null || field.isEmpty()) {
            return null;
        }
        String best = null;
        String bestUnit = null;
        for (Unit unit : units()) {
            for (Value value : unit.values) {
                String path = unit.valuePath(value);
                if (within(field, path) && (best == null || path.length() > best.length())) {
                    best = path;
                }
            }
            if (within(field, unit.path) && (bestUnit == null || unit.path.length() > bestUnit.length())) {
                bestUnit = unit.firstPath();
            }
        }
        if (best == null && field.startsWith("waitingRule.firstCountedYear")) {
            return "waitingRule.firstCountedYear";
        }
        return best != null ? best : bestUnit;
    }

    private static boolean within(String field, String path) {
        return field.equals(path) || field.startsWith(path + ".") || field.startsWith(path + "[");
    }

    /** The kinds of value a figure holds, as the loader reads them. */
    public enum Kind {
        MONEY, OPTIONAL_MONEY, DATE, OPTIONAL_DATE, MONTH_DAY, INTEGER, WORD, CODES, NONE
    }

    /** How a value stands with the county. */
    public enum Standing {
        /** The figure is confirmed (by a notice, or by the county: {@link Figure#confirmedBy()}). */
        CONFIRMED,
        /** Entered by the county; other values of the same figure are still carried. */
        ENTERED,
        /** Last year's value, carried into this draft, awaiting the county. */
        CARRIED,
        /** Provisional (an aggregator's figure or one of our Decisions), awaiting the county. */
        PROVISIONAL;

        public String messageKey() {
            return "table.standing." + name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One value of a figure as the county sees it.
     *
     * @param path where it is ({@code standards.tier1}); for a figure without a value, the figure's path
     * @param figurePath the figure (the object with the status) it belongs to
     * @param value the value as typed ({@code 400}, {@code 2026-09-01}, {@code TEKUN, ORPHAN}); "" for
     *              none (no subsidy, open to the year's end); null for a figure without a value
     * @param status the figure's status in the file
     */
    public record Figure(String path, String figurePath, String label, Kind kind, String value, FigureStatus status,
                         Standing standing, String confirmedBy, LocalDate confirmedOn, String cite) {
    }

    private record Value(String relative, Kind kind, String labelKey) {

        JsonNode read(ObjectNode node) {
            JsonNode current = node;
            for (String part : relative.split("\\.")) {
                current = current == null ? null : current.get(part);
            }
            return current;
        }

        String text(ObjectNode node) {
            JsonNode value = read(node);
            if (value == null || value.isNull()) {
                return "";
            }
            if (value.isArray()) {
                List<String> words = new ArrayList<>();
                value.forEach(word -> words.add(word.asText()));
                return String.join(", ", words);
            }
            if (value.isNumber()) {
                BigDecimal number = value.decimalValue().stripTrailingZeros();
                return (number.scale() < 0 ? number.setScale(0) : number).toPlainString();
            }
            return value.asText();
        }

        void write(ObjectNode node, String typed) {
            String text = typed == null ? "" : typed.strip();
            ObjectNode parent = node;
            String[] parts = relative.split("\\.");
            for (int i = 0; i < parts.length - 1; i++) {
                parent = (ObjectNode) parent.get(parts[i]);
            }
            String field = parts[parts.length - 1];
            switch (kind) {
                case MONEY, OPTIONAL_MONEY -> {
                    if (text.isEmpty()) {
                        parent.putNull(field);
                    } else {
                        parent.set(field, number(text));
                    }
                }
                case INTEGER -> parent.set(field, number(text));
                case OPTIONAL_DATE -> {
                    if (text.isEmpty()) {
                        parent.remove(field);
                    } else {
                        parent.put(field, text);
                    }
                }
                case CODES -> {
                    ArrayNode codes = parent.putArray(field);
                    for (String code : text.split("[,，、\\s]+")) {
                        if (!code.isEmpty()) {
                            codes.add(code);
                        }
                    }
                }
                default -> parent.put(field, text);
            }
        }

        /** A number as JSON when it reads as one; otherwise the text, for the loader to name. */
        private static JsonNode number(String text) {
            try {
                BigDecimal number = new BigDecimal(text);
                BigDecimal plain = number.stripTrailingZeros();
                return NODES.numberNode(plain.scale() < 0 ? plain.setScale(0) : plain);
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
    }

    /** A figure: an object of the table with a status, and the values in it. */
    private final class Unit {
        final String path;
        final ObjectNode node;
        final List<Value> values;
        final String labelKey;
        final Object[] labelArguments;
        /** The waiting rule's first counted year: its own status field, confirmer fields and no carried list. */
        final boolean firstCountedYear;

        Unit(String path, ObjectNode node, String labelKey, Object[] labelArguments, boolean firstCountedYear,
             Value... values) {
            this.path = path;
            this.node = node;
            this.labelKey = labelKey;
            this.labelArguments = labelArguments;
            this.firstCountedYear = firstCountedYear;
            this.values = List.of(values);
        }

        String statusField() {
            return firstCountedYear ? "firstCountedYearStatus" : "status";
        }

        String byField() {
            return firstCountedYear ? "firstCountedYearConfirmedBy" : TableNode.CONFIRMED_BY;
        }

        String onField() {
            return firstCountedYear ? "firstCountedYearConfirmedOn" : TableNode.CONFIRMED_ON;
        }

        String valuePath(Value value) {
            return path + "." + value.relative;
        }

        String firstPath() {
            return values.isEmpty() ? path : valuePath(values.get(0));
        }

        FigureStatus status() {
            return JsonWord.parse(FigureStatus.class, node.path(statusField()).asText()).orElse(FigureStatus.PROVISIONAL);
        }

        Set<String> carried() {
            Set<String> carried = new LinkedHashSet<>();
            if (!firstCountedYear) {
                node.path(TableNode.CARRIED).forEach(name -> carried.add(name.asText()));
            }
            return carried;
        }

        /** The values not yet the county's: those carried, else every value of a provisional figure. */
        Set<String> pending() {
            if (node.has(TableNode.CARRIED) && !firstCountedYear) {
                return carried();
            }
            Set<String> all = new LinkedHashSet<>();
            if (status().isProvisional()) {
                values.forEach(value -> all.add(value.relative));
            }
            return all;
        }

        void record(Set<String> pending, String by, LocalDate on, String cite) {
            node.put(statusField(), pending.isEmpty() ? FigureStatus.CONFIRMED.json() : FigureStatus.PROVISIONAL.json());
            node.put(byField(), by == null ? "" : by.strip());
            node.put(onField(), on.toString());
            if (firstCountedYear) {
                return;
            }
            if (pending.isEmpty()) {
                node.remove(TableNode.CARRIED);
            } else {
                ArrayNode list = node.putArray(TableNode.CARRIED);
                pending.forEach(list::add);
            }
            if (cite != null && !cite.isBlank()) {
                node.put("cite", cite.strip());
            } else if (pending.isEmpty()) {
                node.put("cite", Localization.format(WORDS, "table.draft.countyCite", by == null ? "" : by.strip(),
                        on));
            }
        }

        void carryForward(int fromYear) {
            node.put(statusField(), FigureStatus.PROVISIONAL.json());
            node.remove(byField());
            node.remove(onField());
            if (firstCountedYear) {
                return;
            }
            node.remove(TableNode.CARRIED);
            // an absent value (the last window's open end) is carried as its absence: nothing to list
            List<Value> present = values.stream().filter(value -> value.read(node) != null).toList();
            if (!present.isEmpty()) {
                ArrayNode list = node.putArray(TableNode.CARRIED);
                present.forEach(value -> list.add(value.relative));
            }
            JsonNode cite = node.get("cite");
            if (cite != null && cite.isTextual()) {
                String plain = CARRIED_CITE.matcher(cite.textValue()).replaceFirst("");
                node.put("cite", Localization.format(WORDS, "table.draft.carriedCite", fromYear, plain));
            }
        }

        List<Figure> figures() {
            FigureStatus status = status();
            Set<String> carried = carried();
            String by = node.hasNonNull(byField()) ? node.get(byField()).asText() : null;
            LocalDate on = date(node.get(onField()));
            String cite = firstCountedYear ? root.path("waitingRule").path("cite").asText(null)
                    : node.hasNonNull("cite") ? node.get("cite").asText() : null;
            String label = Localization.format(WORDS, labelKey, labelArguments);
            List<Figure> figures = new ArrayList<>();
            if (values.isEmpty()) {
                figures.add(new Figure(path, path, label, Kind.NONE, null, status,
                        standing(status, false, !carried.isEmpty()), by, on, cite));
            }
            for (Value value : values) {
                String valueLabel = label + " " + Localization.text(WORDS, value.labelKey);
                boolean isCarried = carried.contains(value.relative) || (value.read(node) == null && !carried.isEmpty());
                figures.add(new Figure(valuePath(value), path, valueLabel, value.kind, value.text(node), status,
                        standing(status, isCarried, !carried.isEmpty()), by, on, cite));
            }
            return figures;
        }

        private Standing standing(FigureStatus status, boolean isCarried, boolean hasCarriedList) {
            if (!status.isProvisional()) {
                return Standing.CONFIRMED;
            }
            if (isCarried) {
                return Standing.CARRIED;
            }
            return hasCarriedList ? Standing.ENTERED : Standing.PROVISIONAL;
        }
    }

    private static LocalDate date(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            return LocalDate.parse(node.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The figures of the table, found where the format puts them (README "Policy tables"). */
    private List<Unit> units() {
        List<Unit> units = new ArrayList<>();
        object("standards").ifPresent(node -> units.add(new Unit("standards", node, "table.figure.standards",
                new Object[0], false, new Value("tier1", Kind.MONEY, "table.value.tier1"),
                new Value("tier2", Kind.MONEY, "table.value.tier2"))));
        object("fiscalSubsidy").ifPresent(node -> units.add(new Unit("fiscalSubsidy", node,
                "table.figure.fiscalSubsidy", new Object[0], false, new Value("amount", Kind.MONEY, "table.value.amount"))));
        JsonNode windows = root.path("paymentWindows");
        for (int i = 0; i < windows.size(); i++) {
            if (!(windows.get(i) instanceof ObjectNode window)) {
                continue;
            }
            boolean last = i == windows.size() - 1;
            List<Value> values = new ArrayList<>();
            values.add(new Value("start", Kind.DATE, "table.value.start"));
            values.add(new Value("end", last ? Kind.OPTIONAL_DATE : Kind.DATE, "table.value.end"));
            values.add(new Value("benefitStart", Kind.WORD, "table.value.benefitStart"));
            if (window.has("days")) {
                values.add(new Value("days", Kind.INTEGER, "table.value.days"));
            }
            String rule = window.path("benefitStart").asText();
            String ruleKey = "table.window." + (Set.of("yearStart", "nextMonth", "afterDays", "waitingRule").contains(rule)
                    ? rule : "other");
            units.add(new Unit("paymentWindows[" + i + "]", window, "table.figure.window",
                    new Object[] {i + 1, Localization.text(WORDS, ruleKey)}, false, values.toArray(Value[]::new)));
        }
        object("waitingRule").ifPresent(node -> {
            units.add(new Unit("waitingRule", node, "table.figure.waitingRule", new Object[0], false,
                    new Value("fixedMonths", Kind.INTEGER, "table.value.fixedMonths"),
                    new Value("monthsPerBrokenYear", Kind.INTEGER, "table.value.monthsPerBrokenYear"),
                    new Value("minimumAfterRepair.brokenYearsAtLeast", Kind.INTEGER, "table.value.minimumFrom"),
                    new Value("minimumAfterRepair.months", Kind.INTEGER, "table.value.minimumMonths"),
                    new Value("repairPrice", Kind.WORD, "table.value.repairPrice"),
                    new Value("continuityNoteFromYears", Kind.INTEGER, "table.value.continuityNote")));
            units.add(new Unit("waitingRule", node, "table.figure.waitingRule", new Object[0], true,
                    new Value("firstCountedYear", Kind.INTEGER, "table.value.firstCountedYear")));
        });
        object("ordinaryDeadline").ifPresent(node -> units.add(new Unit("ordinaryDeadline", node,
                "table.figure.deadline", new Object[0], false, new Value("date", Kind.DATE, "table.value.date"))));
        object("lateSurcharge").ifPresent(node -> units.add(new Unit("lateSurcharge", node,
                "table.figure.surcharge", new Object[0], false, new Value("from", Kind.DATE, "table.value.from"))));
        object("newborn").ifPresent(node -> {
            units.add(new Unit("newborn", node, "table.figure.newborn", new Object[0], false,
                    new Value("withinDays", Kind.INTEGER, "table.value.withinDays")));
            if (node.get("previousYearBirths") instanceof ObjectNode previous) {
                units.add(new Unit(PREVIOUS_YEAR_BIRTHS_FIELD, previous, "table.figure.previousYearBirths",
                        new Object[0], false));
            }
        });
        object("guardianCoverage").ifPresent(node -> units.add(new Unit("guardianCoverage", node,
                "table.figure.guardian", new Object[0], false)));
        object("lowIncome").ifPresent(node -> units.add(new Unit("lowIncome", node, "table.figure.lowIncome",
                new Object[0], false, new Value("categories", Kind.CODES, "table.value.categories"))));
        object("employeeInsuranceTransfer").ifPresent(node -> units.add(new Unit("employeeInsuranceTransfer", node,
                "table.figure.employee", new Object[0], false,
                new Value("withinMonths", Kind.INTEGER, "table.value.withinMonths"))));
        object("graduate").ifPresent(node -> units.add(new Unit("graduate", node, "table.figure.graduate",
                new Object[0], false, new Value("windowStart", Kind.MONTH_DAY, "table.value.windowStart"),
                new Value("windowEnd", Kind.MONTH_DAY, "table.value.windowEnd"),
                new Value("benefitStart", Kind.MONTH_DAY, "table.value.benefitStartDay"))));
        JsonNode categories = root.path("categories");
        for (int i = 0; i < categories.size(); i++) {
            if (categories.get(i) instanceof ObjectNode category) {
                units.add(new Unit("categories[" + i + "]", category, "table.figure.category",
                        new Object[] {category.path("name").asText(category.path("code").asText())}, false,
                        new Value("tier1", Kind.OPTIONAL_MONEY, "table.value.subsidyTier1"),
                        new Value("tier2", Kind.OPTIONAL_MONEY, "table.value.subsidyTier2")));
            }
        }
        return units;
    }

    private Optional<ObjectNode> object(String field) {
        return root.get(field) instanceof ObjectNode node ? Optional.of(node) : Optional.empty();
    }
}
