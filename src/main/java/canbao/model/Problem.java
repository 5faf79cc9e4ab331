package canbao.model;

import java.util.List;
import java.util.Locale;

/**
 * One thing wrong with an input, tied to where it is ({@link Location}: a field, member N's field, a
 * line and column of a file). The message is a localization key with arguments so the same problem
 * reads in Chinese at the counter and in English in a log. The location is text only at the edges
 * ({@link #field()}, {@link #describe}).
 */
public record Problem(Location location, String key, List<Object> arguments) {

    public Problem {
        location = location == null ? Location.NONE : location;
        arguments = List.copyOf(arguments);
    }

    /** A problem of the field {@code field} (a name such as {@code policyYear}; "" for the input as a whole). */
    public static Problem of(String field, String key, Object... arguments) {
        return new Problem(Location.field(field), key, List.of(arguments));
    }

    public static Problem at(Location location, String key, Object... arguments) {
        return new Problem(location, key, List.of(arguments));
    }

    /** A problem of member {@code index}'s field: {@code member(1, "idNumber", …)}. */
    public static Problem member(int index, String field, String key, Object... arguments) {
        return new Problem(Location.member(index, field), key, List.of(arguments));
    }

    /** The same problem at another place. */
    public Problem at(Location elsewhere) {
        return new Problem(elsewhere, key, arguments);
    }

    /** The same problem as one of the part {@code parent} ({@link Location#under}). */
    public Problem under(String parent) {
        return at(location.under(parent));
    }

    /** The same problem (of one person's field) as one of member {@code index}. */
    public Problem inMember(int index) {
        return at(location.inMember(index));
    }

    /** The location as the answers write it ({@code members[1].idNumber}): for the edges and for tests. */
    public String field() {
        return location.text();
    }

    public String message(Locale locale) {
        return Localization.format(locale, key, arguments.toArray());
    }

    /** {@code members[0].idNumber: 身份证号校验码错误…} */
    public String describe(Locale locale) {
        String where = location.text();
        return where.isEmpty() ? message(locale) : where + ": " + message(locale);
    }
}
