package canbao.model;

import java.util.Locale;

/** draft → paid → cancelled. Only a cancelled enrollment frees the person's policy year. */
public enum EnrollmentStatus {
    DRAFT, PAID, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnrollmentStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public String messageKey() {
        return "enrollment.status." + code();
    }
}
