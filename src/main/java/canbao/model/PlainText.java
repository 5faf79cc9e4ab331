package canbao.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the counter stores as a name, a village or any other text field: printable text only. Control
 * characters (NUL, ESC …), bidi overrides and isolates (which make "张三" display as another name) and
 * text made only of invisible characters are refused; and a date is a date a person can have, between
 * 1900 and 2100. One rule for the screens, {@code enroll}, imports and the hub.
 */
public final class PlainText {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    private PlainText() {
    }

    /** The message key of what is wrong with the text, or empty when it may be stored. */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        boolean visible = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c)) {
                return Optional.of("text.control");
            }
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F
                    || c == 0x061C) {
                return Optional.of("text.bidi");
            }
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && Character.getType(c) != Character.FORMAT) {
                visible = true;
            }
        }
        return visible || text.isEmpty() ? Optional.empty() : Optional.of("text.invisible");
    }

    public static boolean isDateInRange(LocalDate date) {
        return date == null || (!date.isBefore(EARLIEST) && !date.isAfter(LATEST));
    }
}
