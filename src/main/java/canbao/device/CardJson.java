package canbao.device;

import canbao.model.Sex;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One JSON line per read, the one codec of the reader helper's answers and of the simulated reader's
 * card file: {@code {"result":"card","name":"…","sex":"男","ethnicity":"汉","birthDate":"1990-01-01",
 * "address":"…","idNumber":"…","issuedBy":"…","validFrom":"2015-01-01","validTo":"2035-01-01"}}
 * ({@code "validTo":"长期"} for life), {@code {"result":"noCard"}}, {@code {"result":"noReader"}},
 * {@code {"result":"failed","key":"reader.failed","detail":"…"}}. Read tolerantly (unknown fields
 * ignored, {@code result} may be left out of a card line) and checked strictly (a card without its
 * name, sex, birth date or number is an error).
 */
public final class CardJson {

    /** Longest line accepted from a helper or a card file: a card is a few hundred bytes. */
    public static final int MAX_LINE = 8 * 1024;
    static final String FOR_LIFE = "长期";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CardJson() {
    }

    public static String write(CardRead read) {
        ObjectNode node = JSON.createObjectNode();
        if (read instanceof CardRead.Card card) {
            IdCard c = card.card();
            node.put("result", "card");
            node.put("name", c.name());
            node.put("sex", c.sex() == null ? null : c.sex() == Sex.MALE ? "男" : "女");
            node.put("ethnicity", c.ethnicity());
            node.put("birthDate", c.birthDate() == null ? null : c.birthDate().toString());
            node.put("address", c.address());
            node.put("idNumber", c.idNumber());
            node.put("issuedBy", c.issuedBy());
            node.put("validFrom", c.validFrom() == null ? null : c.validFrom().toString());
            node.put("validTo", c.validTo() == null ? FOR_LIFE : c.validTo().toString());
        } else if (read instanceof CardRead.NoCard) {
            node.put("result", "noCard");
        } else if (read instanceof CardRead.NoReader) {
            node.put("result", "noReader");
        } else if (read instanceof CardRead.Failed failed) {
            node.put("result", "failed");
            node.put("key", failed.messageKey());
            node.put("detail", failed.detail());
        }
        return node.toString();
    }

    /** @throws IllegalArgumentException for a line that is not one of the answers above (no personal data in it) */
    public static CardRead read(String line) {
        if (line.length() > MAX_LINE) {
            throw new IllegalArgumentException("line longer than " + MAX_LINE + " characters");
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String result = text(node, "result");
        if (result == null) {
            result = "card";
        }
        return switch (result) {
            case "noCard" -> CardRead.NO_CARD;
            case "noReader" -> CardRead.NO_READER;
            case "failed" -> new CardRead.Failed(required(node, "key"), text(node, "detail"));
            case "card" -> new CardRead.Card(new IdCard(required(node, "name"), sex(required(node, "sex")),
                    text(node, "ethnicity"), date(node, "birthDate", true), text(node, "address"),
                    required(node, "idNumber"), text(node, "issuedBy"), date(node, "validFrom", false),
                    validTo(text(node, "validTo"))));
            default -> throw new IllegalArgumentException("unknown result " + result);
        };
    }

    static Sex sex(String text) {
        return switch (text.strip()) {
            case "男", "1", "M", "male" -> Sex.MALE;
            case "女", "2", "F", "female" -> Sex.FEMALE;
            default -> throw new IllegalArgumentException("sex must be 男 or 女");
        };
    }

    private static LocalDate validTo(String text) {
        if (text == null || text.isBlank() || text.strip().equals(FOR_LIFE)) {
            return null;
        }
        return parseDate("validTo", text);
    }

    private static LocalDate date(JsonNode node, String field, boolean required) {
        String text = required ? required(node, field) : text(node, field);
        return text == null || text.isBlank() ? null : parseDate(field, text);
    }

    private static LocalDate parseDate(String field, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " is not a date yyyy-MM-dd");
        }
    }

    private static String required(JsonNode node, String field) {
        String text = text(node, field);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return text;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
