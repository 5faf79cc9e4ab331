package canbao.cli;

import canbao.model.Location;
import canbao.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object while collecting problems named by their place (a
 * {@link Location}: member 1's tier, the household's phone), so one bad field does not hide the others
 * and every message says where it is.
 */
final class JsonFields {

    private final JsonNode object;
    private final Location path;
    private final List<Problem> problems;

    JsonFields(JsonNode object, Location path, List<Problem> problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** Null (with a problem recorded) when {@code node} is not an object. */
    static JsonFields of(JsonNode node, Location path, List<Problem> problems, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problems.add(Problem.at(path, "json.type.object"));
            return null;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                // a field named "" is shown as its JSON spelling ("") so the message still names it
                problems.add(Problem.at(path.child(name.isEmpty() ? "\"\"" : name), "json.unknownField"));
            }
        }
        return new JsonFields(node, path, problems);
    }

    Location field(String name) {
        return path.child(name);
    }

    JsonNode node(String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value;
    }

    Integer integer(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problems.add(Problem.at(field(name), "json.type.integer", value.toString()));
            return null;
        }
        return value.intValue();
    }

    String text(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(Problem.at(field(name), "json.type.text", value.toString()));
            return null;
        }
        return value.textValue();
    }

    /** Text, or a whole number written without quotes (a county code 500230). */
    String code(String name) {
        JsonNode value = node(name);
        if (value != null && value.isIntegralNumber()) {
            return value.asText();
        }
        return text(name);
    }

    LocalDate date(String name) {
        String value = text(name);
        if (value == null) {
            return null;
        }
        try {
            LocalDate date = canbao.model.IsoText.date(value);
            if (!canbao.model.PlainText.isDateInRange(date)) {
                problems.add(Problem.at(field(name), "date.range", date));
                return null;
            }
            return date;
        } catch (DateTimeParseException e) {
            problems.add(Problem.at(field(name), "json.type.date", value));
            return null;
        }
    }

    /** An array of texts; an element that is not one is a problem naming its place, and is left out. */
    List<String> texts(String name) {
        return elements(name, JsonNode::isTextual, JsonNode::textValue, "json.type.text", false);
    }

    /**
     * An array of whole numbers; an element that is not one (2024.5, "2024") is a problem naming its
     * place, and null stands in for it so the places of the others stay as given.
     */
    List<Integer> integers(String name) {
        return elements(name, element -> element.isIntegralNumber() && element.canConvertToInt(), JsonNode::intValue,
                "json.type.integer", true);
    }

    private <T> List<T> elements(String name, java.util.function.Predicate<JsonNode> fits,
                                 java.util.function.Function<JsonNode, T> read, String typeKey, boolean keepPlaces) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(Problem.at(field(name), "json.type.array"));
            return null;
        }
        List<T> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (fits.test(element)) {
                elements.add(read.apply(element));
            } else {
                problems.add(Problem.at(field(name).element(i), typeKey, element.toString()));
                if (keepPlaces) {
                    elements.add(null);
                }
            }
        }
        return elements;
    }

    /** The elements of an array field; null (no problem) when absent, null with a problem when not an array. */
    List<JsonNode> array(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(Problem.at(field(name), "json.type.array"));
            return null;
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }
}
