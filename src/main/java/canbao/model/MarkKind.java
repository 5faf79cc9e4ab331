package canbao.model;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a person is no longer chased for a policy year's renewal (续保): 迁出, 死亡, 职工医保, 外地参保 or
 * 拒绝参保. Moved out and deceased hold for the later years too; employee insurance and coverage
 * elsewhere count the year as covered in the person's coverage history (POLICY.md: covered years are
 * basic medical insurance anywhere, resident or employee).
 */
public enum MarkKind {
    MOVED_OUT, DECEASED, EMPLOYEE_INSURANCE, ELSEWHERE, REFUSED;

    /** The word stored and sent to the hub: moved_out, deceased, … */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MarkKind> ofCode(String code) {
        for (MarkKind kind : values()) {
            if (kind.code().equals(code)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Holds for the year marked and every year after it. */
    public boolean permanent() {
        return this == MOVED_OUT || this == DECEASED;
    }

    /** The year marked counts as covered in the coverage history. */
    public boolean countsAsCovered() {
        return this == EMPLOYEE_INSURANCE || this == ELSEWHERE;
    }

    /** A reason must be given (拒绝参保). */
    public boolean needsReason() {
        return this == REFUSED;
    }

    public String messageKey() {
        return "mark." + code();
    }
}
