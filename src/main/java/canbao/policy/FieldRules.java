package canbao.policy;

import canbao.model.FieldLimits;
import canbao.model.HouseholdWords;
import canbao.model.Location;
import canbao.model.PhoneNumber;
import canbao.model.PlainText;
import canbao.model.Problem;
import java.util.Optional;

/**
 * The rules of a household's and a person's fields, in one place for the household screen's service,
 * {@code enroll} and the roster import: a text no longer than its field's limit ({@link FieldLimits})
 * and plain (no control or bidi characters), a phone number a clerk can dial, one of the 56 ethnic
 * groups. Each answers with the problem (the field as the caller names it, the message key and its
 * arguments), so a 60-character name reads the same at the screen and in an import's list.
 */
public final class FieldRules {

    /** 区县代码: the six digits of the county's administrative division code (500230 for 丰都县). */
    private static final java.util.regex.Pattern COUNTY_CODE = java.util.regex.Pattern.compile("\\d{6}");

    private FieldRules() {
    }

    /** Whether the text is a county code (six digits, nothing around them). */
    public static boolean isCountyCode(String county) {
        return county != null && COUNTY_CODE.matcher(county).matches();
    }

    /** A text of at most {@code maxLength} characters (blanks at the ends not counted), plain; null is absent. */
    public static Optional<Problem> text(Location at, String value, int maxLength) {
        if (value != null && value.strip().length() > maxLength) {
            return Optional.of(Problem.at(at, "field.tooLong", maxLength));
        }
        return PlainText.problem(value).map(key -> Problem.at(at, key));
    }

    public static Optional<Problem> text(String field, String value, int maxLength) {
        return text(Location.field(field), value, maxLength);
    }

    /** A phone number (11-digit mobile, or a landline with its area code); null or blank is absent. */
    public static Optional<Problem> phone(Location at, String value) {
        return value == null || value.isBlank() || PhoneNumber.isValid(value) ? Optional.empty()
                : Optional.of(Problem.at(at, "household.phone.format"));
    }

    public static Optional<Problem> phone(String field, String value) {
        return phone(Location.field(field), value);
    }

    /** One of the 56 ethnic groups, as written (汉 or 汉族); null or blank is absent. */
    public static Optional<Problem> ethnicity(Location at, String value) {
        return value == null || value.isBlank() || HouseholdWords.ethnicity(value).isPresent() ? Optional.empty()
                : Optional.of(Problem.at(at, "member.ethnicity.unknown", value.strip()));
    }

    public static Optional<Problem> ethnicity(String field, String value) {
        return ethnicity(Location.field(field), value);
    }
}
