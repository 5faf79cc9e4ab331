package canbao.policy;

import canbao.model.Money;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON node of a policy table that knows its path, so every complaint names the file and the
 * field ({@code policy/2022.json: categories[3].tier1: …}). Tables are read strictly: a missing,
 * mistyped or unknown field stops the load rather than quoting wrong fees.
 */
final class TableNode {

    private final String origin;
    private final String path;
    private final JsonNode json;

    TableNode(String origin, String path, JsonNode json) {
        this.origin = origin;
        this.path = path;
        this.json = json;
    }

    String origin() {
        return origin;
    }

    String path() {
        return path;
    }

    PolicyTableException error(String key, Object... arguments) {
        return new PolicyTableException(origin, path, key, arguments);
    }

    private String childPath(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /** The county's record on a figure (README "Authoring a year's table"): who entered it, when, what is still carried. */
    static final String CONFIRMED_BY = "confirmedBy";
    static final String CONFIRMED_ON = "confirmedOn";
    static final String CARRIED = "carried";
    /** The longest name kept as the county's confirmer. */
    static final int MAX_CONFIRMER_LENGTH = 50;

    /**
     * Refuses fields the format does not know (a typo such as "teir1" must not pass silently). An
     * object with a {@code status} is a figure, and a figure may also carry the county's record
     * ({@code confirmedBy}, {@code confirmedOn}, {@code carried}), checked by {@link #status()}.
     */
    TableNode allowOnly(String... names) {
        if (!json.isObject()) {
            throw error("table.type.object");
        }
        Set<String> allowed = new java.util.HashSet<>(List.of(names));
        if (allowed.contains("status")) {
            allowed.addAll(List.of(CONFIRMED_BY, CONFIRMED_ON, CARRIED));
        }
        Iterator<String> fields = json.fieldNames();
        while (fields.hasNext()) {
            String name = fields.next();
            if (!allowed.contains(name)) {
                throw new PolicyTableException(origin, childPath(name), "table.unknownField");
            }
        }
        return this;
    }

    TableNode required(String name) {
        JsonNode child = json.get(name);
        if (child == null || child.isNull()) {
            throw new PolicyTableException(origin, childPath(name), "table.missing");
        }
        return new TableNode(origin, childPath(name), child);
    }

    /** A field that may be absent or null; null when so. */
    TableNode optional(String name) {
        JsonNode child = json.get(name);
        return child == null || child.isNull() ? null : new TableNode(origin, childPath(name), child);
    }

    /** A field that must be present but may be null (an explicit "no subsidy this year"). */
    TableNode presentOrNull(String name) {
        if (!json.has(name)) {
            throw new PolicyTableException(origin, childPath(name), "table.missing");
        }
        return optional(name);
    }

    /**
     * The required {@code status} of a figure: confirmed or provisional; with the county's record
     * when there is one: {@code confirmedBy} and {@code confirmedOn} together (who entered the figure
     * at the county, and when), and {@code carried}, the values of the figure still as last year's
     * table had them (only on a provisional figure: a carried value is not confirmed).
     */
    FigureStatus status() {
        TableNode status = required("status");
        FigureStatus parsed = JsonWord.parse(FigureStatus.class, status.text())
                .orElseThrow(() -> status.error("table.status", status.text()));
        confirmer(CONFIRMED_BY, CONFIRMED_ON);
        TableNode carried = optional(CARRIED);
        if (carried != null) {
            Set<String> seen = new java.util.HashSet<>();
            List<TableNode> names = carried.elements();
            if (names.isEmpty()) {
                throw carried.error("table.carried.empty");
            }
            for (TableNode name : names) {
                String value = name.text();
                if (!seen.add(value) || !holdsValue(value)) {
                    throw name.error("table.carried.unknown", value);
                }
            }
            if (!parsed.isProvisional()) {
                throw carried.error("table.carried.confirmed");
            }
        }
        return parsed;
    }

    /** Who entered a figure at the county and when: both or neither, a plain name and a real date. */
    void confirmer(String byField, String onField) {
        TableNode by = optional(byField);
        TableNode on = optional(onField);
        if (by == null && on == null) {
            return;
        }
        if (by == null) {
            throw required(byField).error("table.missing");
        }
        if (on == null) {
            throw required(onField).error("table.missing");
        }
        String name = by.text();
        if (name.length() > MAX_CONFIRMER_LENGTH || !name.equals(name.strip())
                || name.codePoints().anyMatch(Character::isISOControl)) {
            throw by.error("table.confirmedBy", MAX_CONFIRMER_LENGTH);
        }
        on.date();
    }

    /** Whether {@code relative} (a field, or fields joined by dots) names a value inside this object, not its bookkeeping. */
    private boolean holdsValue(String relative) {
        if (Set.of("status", "cite", CONFIRMED_BY, CONFIRMED_ON, CARRIED).contains(relative)) {
            return false;
        }
        JsonNode node = json;
        for (String part : relative.split("\\.", -1)) {
            if (part.isEmpty() || node == null || !node.isObject() || !node.has(part)) {
                return false;
            }
            node = node.get(part);
        }
        return true;
    }

    /** The required {@code cite} of a figure: the notice and clause it comes from. */
    String cite() {
        return required("cite").text();
    }

    List<TableNode> elements() {
        if (!json.isArray()) {
            throw error("table.type.array");
        }
        List<TableNode> elements = new ArrayList<>();
        for (int i = 0; i < json.size(); i++) {
            elements.add(new TableNode(origin, path + "[" + i + "]", json.get(i)));
        }
        return elements;
    }

    int integer() {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            throw error("table.type.integer", json.toString());
        }
        return json.intValue();
    }

    int positiveInteger() {
        int value = integer();
        if (value <= 0) {
            throw error("table.type.positiveInteger", value);
        }
        return value;
    }

    String text() {
        if (!json.isTextual() || json.textValue().isBlank()) {
            throw error("table.type.text", json.toString());
        }
        return json.textValue();
    }

    LocalDate date() {
        try {
            return LocalDate.parse(text());
        } catch (DateTimeParseException e) {
            throw error("table.type.date", json.toString());
        }
    }

    MonthDay monthDay() {
        try {
            return MonthDay.parse("--" + text());
        } catch (DateTimeParseException e) {
            throw error("table.type.monthDay", json.toString());
        }
    }

    Money money() {
        if (!json.isNumber()) {
            throw error("table.type.money", json.toString());
        }
        BigDecimal yuan = json.decimalValue();
        if (yuan.signum() < 0) {
            throw error("table.type.money", json.toString());
        }
        try {
            return Money.ofYuan(yuan);
        } catch (ArithmeticException e) {
            throw error("table.type.money", json.toString());
        }
    }
}
