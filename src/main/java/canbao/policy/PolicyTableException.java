package canbao.policy;

import canbao.model.Localization;

/** A policy table that cannot be used, naming the file and the field at fault. */
public class PolicyTableException extends RuntimeException {

    private final String origin;
    private final String field;
    private final String detail;

    public PolicyTableException(String origin, String field, String key, Object... arguments) {
        super(describe(origin, field, Localization.format(Localization.CHINESE, key, arguments)));
        this.origin = origin;
        this.field = field;
        this.detail = Localization.format(Localization.CHINESE, key, arguments);
    }

    private PolicyTableException(String origin, Throwable cause) {
        super(describe(origin, "", Localization.format(Localization.CHINESE, "table.unreadable",
                String.valueOf(cause.getMessage()))), cause);
        this.origin = origin;
        this.field = "";
        this.detail = Localization.format(Localization.CHINESE, "table.unreadable", String.valueOf(cause.getMessage()));
    }

    static PolicyTableException unreadable(String origin, Throwable cause) {
        return new PolicyTableException(origin, cause);
    }

    private static String describe(String origin, String field, String detail) {
        return origin + (field.isEmpty() ? "" : ": " + field) + ": " + detail;
    }

    public String origin() {
        return origin;
    }

    public String field() {
        return field;
    }

    /** The problem alone, without the file and field: what a screen shows next to the field. */
    public String detail() {
        return detail;
    }
}
