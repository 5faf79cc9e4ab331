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

    /** Refuses fields the format does not know (a typo such as "teir1" must not pass silently). */
    TableNode allowOnly(String... names) {
        if (!json.isObject()) {
            throw error("table.type.object");
        }
        Set<String> allowed = Set.of(names);
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

    /** The required {@code status} of a figure: confirmed or provisional. */
    FigureStatus status() {
        TableNode status = required("status");
        return JsonWord.parse(FigureStatus.class, status.text()).orElseThrow(() -> status.error("table.status", status.text()));
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
