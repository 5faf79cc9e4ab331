package canbao.cli;

import canbao.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads typed fields out of a JSON object while collecting problems named by their path, so one
 * bad field does not hide the others and every message says where it is.
 */
final class JsonFields {

    private final JsonNode object;
    private final String path;
    private final List<Problem> problems;

    JsonFields(JsonNode object, String path, List<Problem> problems) {
        this.object = object;
        this.path = path;
        this.problems = problems;
    }

    /** Null (with a problem recorded) when {@code node} is not an object. */
    static JsonFields of(JsonNode node, String path, List<Problem> problems, Set<String> allowed) {
        if (node == null || !node.isObject()) {
            problems.add(Problem.of(path, "json.type.object"));
            return null;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problems.add(Problem.of(join(path, name), "json.unknownField"));
            }
        }
        return new JsonFields(node, path, problems);
    }

    String field(String name) {
        return join(path, name);
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
            problems.add(Problem.of(field(name), "json.type.integer", value.toString()));
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
            problems.add(Problem.of(field(name), "json.type.text", value.toString()));
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
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            problems.add(Problem.of(field(name), "json.type.date", value));
            return null;
        }
    }

    List<String> texts(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(Problem.of(field(name), "json.type.array"));
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isTextual()) {
                problems.add(Problem.of(field(name) + "[" + i + "]", "json.type.text", element.toString()));
            } else {
                texts.add(element.textValue());
            }
        }
        return texts;
    }

    /**
     * An array of whole numbers; an element that is not one (2024.5, "2024") is a problem naming its
     * place, and null stands in for it so the places of the others stay as given.
     */
    List<Integer> integers(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(Problem.of(field(name), "json.type.array"));
            return null;
        }
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                problems.add(Problem.of(field(name) + "[" + i + "]", "json.type.integer", element.toString()));
                numbers.add(null);
            } else {
                numbers.add(element.intValue());
            }
        }
        return numbers;
    }

    /** The elements of an array field; null (no problem) when absent, null with a problem when not an array. */
    List<JsonNode> array(String name) {
        JsonNode value = node(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            problems.add(Problem.of(field(name), "json.type.array"));
            return null;
        }
        List<JsonNode> elements = new ArrayList<>();
        value.forEach(elements::add);
        return elements;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
