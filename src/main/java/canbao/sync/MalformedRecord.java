package canbao.sync;

import canbao.model.Localization;
import java.util.Locale;

/**
 * A record's payload that {@link SyncCodec} cannot read: the field and why, as a message key and its
 * arguments (put in the reader's language by {@link #reason(Locale)}). Never carries the field's value
 * beyond what the key shows (a tier, a length), so an ID number or a name is never repeated.
 */
public final class MalformedRecord extends Exception {

    private final String field;
    private final String key;
    private final transient Object[] arguments;

    public MalformedRecord(String field, String key, Object... arguments) {
        this(null, field, key, arguments);
    }

    /** With the parser's exception that found it (logged by its class and stack, never its message). */
    public MalformedRecord(Throwable cause, String field, String key, Object... arguments) {
        super(field, cause, false, false);
        this.field = field;
        this.key = key;
        this.arguments = arguments.clone();
    }

    public String field() {
        return field;
    }

    /** The message key of the reason (tests, logs). */
    public String key() {
        return key;
    }

    public String reason(Locale locale) {
        return Localization.format(locale, key, arguments);
    }
}
