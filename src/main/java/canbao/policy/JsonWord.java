package canbao.policy;

import java.util.Arrays;
import java.util.Optional;

/**
 * An enum constant's word in a data file or a snapshot: its name in lower camel case
 * ({@code PROVISIONAL} → {@code "provisional"}, {@code NEXT_MONTH} → {@code "nextMonth"}).
 */
public interface JsonWord {

    String name();

    default String json() {
        StringBuilder word = new StringBuilder();
        for (String part : name().toLowerCase(java.util.Locale.ROOT).split("_")) {
            word.append(word.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        return word.toString();
    }

    /** The constant whose word is {@code text}; empty for any other text. */
    static <E extends Enum<E> & JsonWord> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.json().equals(text)).findFirst();
    }
}
