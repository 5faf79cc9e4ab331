package canbao.device;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A keyboard-wedge scanner types what it read, then Enter, far faster than a hand: each key follows
 * the last within {@link #MAX_KEY_GAP_NANOS} (30 ms; scanners type every 2–15 ms, a fast typist every
 * 80 ms or more). This tells the two apart in one field, key by key with the time of each key:
 * a scanned 18-character identity number (a 户口簿 copy's or a slip's barcode) fills the number, any
 * other scanned code of {@value #MIN_CODE}–{@value #MAX_CODE} letters and digits is a 医保电子凭证 code; a
 * number typed by hand still fills the number (a code is never typed by hand: it changes every minute).
 */
public final class WedgeScan {

    public static final long MAX_KEY_GAP_NANOS = 30_000_000L;
    static final int MIN_CODE = 10;
    static final int MAX_CODE = 128;
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern CODE = Pattern.compile("[0-9A-Za-z:._/=+-]{" + MIN_CODE + "," + MAX_CODE + "}");

    /** What Enter finished. */
    public enum Kind { ID_NUMBER, INSURANCE_CODE, TYPED_ID_NUMBER, UNRECOGNISED }

    public record Result(Kind kind, String text) {

        @Override
        public String toString() {
            return "WedgeScan.Result[" + kind + "]"; // never the number or the code
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final List<Long> times = new ArrayList<>();

    /** A character typed into the field at {@code nanos} (any monotonic clock). */
    public void key(char character, long nanos) {
        if (text.length() < MAX_CODE + 1) {
            text.append(character);
            times.add(nanos);
        }
    }

    /** The field was changed some other way (cleared, a backspace, pasted): what was timed is forgotten. */
    public void reset() {
        text.setLength(0);
        times.clear();
    }

    /** Enter at {@code nanos}: what the keys since the last Enter were; then starts again. */
    public Result enter(long nanos) {
        String typed = text.toString().strip();
        boolean scanned = times.size() >= 2;
        for (int i = 1; i < times.size() && scanned; i++) {
            scanned = times.get(i) - times.get(i - 1) <= MAX_KEY_GAP_NANOS;
        }
        scanned = scanned && nanos - times.get(times.size() - 1) <= MAX_KEY_GAP_NANOS;
        reset();
        String upper = typed.toUpperCase(Locale.ROOT);
        if (ID_NUMBER.matcher(upper).matches()) {
            return new Result(scanned ? Kind.ID_NUMBER : Kind.TYPED_ID_NUMBER, upper);
        }
        if (scanned && CODE.matcher(typed).matches()) {
            return new Result(Kind.INSURANCE_CODE, typed);
        }
        return new Result(Kind.UNRECOGNISED, typed);
    }
}
