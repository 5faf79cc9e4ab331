package canbao.policy;

import java.util.Arrays;
import java.util.Optional;

/** An enum constant's word in a data file or a snapshot ({@code "provisional"}, {@code "nextMonth"}). */
public interface JsonWord {

    String json();

    /** The constant whose word is {@code text}; empty for any other text. */
    static <E extends Enum<E> & JsonWord> Optional<E> parse(Class<E> type, String text) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.json().equals(text)).findFirst();
    }
}
