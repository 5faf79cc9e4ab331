package canbao.model;

import java.util.regex.Pattern;

/**
 * A contact number as the counter takes it: an 11-digit mainland mobile (13x–19x), or a landline
 * with its area code (023-12345678, 02312345678, 0851-1234567), optionally with an extension. One
 * rule for the screen, {@code enroll} and roster imports.
 */
public final class PhoneNumber {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?");

    private PhoneNumber() {
    }

    /** Whether the (stripped) text is a mobile or an area-code landline; spaces inside are allowed. */
    public static boolean isValid(String text) {
        String number = text.strip().replace(" ", "");
        return MOBILE.matcher(number).matches() || LANDLINE.matcher(number).matches();
    }
}
