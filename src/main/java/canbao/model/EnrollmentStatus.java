package canbao.model;

import java.util.Locale;
import java.util.Optional;

/** draft → paid → cancelled. Only a cancelled enrollment frees the person's policy year. */
public enum EnrollmentStatus {
    DRAFT, PAID, CANCELLED;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static EnrollmentStatus ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /** The status a stored or sent code names ("paid", "draft", "cancelled"); empty for any other text. */
    public static Optional<EnrollmentStatus> fromCode(String code) {
        for (EnrollmentStatus status : values()) {
            if (status.code().equals(code)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public String messageKey() {
        return "enrollment.status." + code();
    }
}
