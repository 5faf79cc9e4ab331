package canbao.model;

import java.util.List;
import java.util.Locale;

/**
 * One thing wrong with an input, tied to the field it concerns. The field is a path in the
 * request ({@code members[1].idNumber}); the message is a localization key with arguments so the
 * same problem reads in Chinese at the counter and in English in a log.
 */
public record Problem(String field, String key, List<Object> arguments) {

    public Problem {
        arguments = List.copyOf(arguments);
    }

    public static Problem of(String field, String key, Object... arguments) {
        return new Problem(field, key, List.of(arguments));
    }

    public Problem under(String parentField) {
        return new Problem(field.isEmpty() ? parentField : parentField + "." + field, key, arguments);
    }

    public String message(Locale locale) {
        return Localization.format(locale, key, arguments.toArray());
    }

    /** {@code members[0].idNumber: 身份证号校验码错误…} */
    public String describe(Locale locale) {
        return field.isEmpty() ? message(locale) : field + ": " + message(locale);
    }
}
