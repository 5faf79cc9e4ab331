package canbao.device;

import canbao.model.HouseholdWords;
import canbao.model.Sex;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Text as the vendor libraries give it: the termb family in GBK (read as GB18030, its superset, so a
 * rare character of a name outside GBK still decodes), the sdtapi family as UCS-2 little-endian
 * (read as UTF-16LE, so a character outside the basic plane — 𠮷 — survives as its surrogate pair);
 * fields padded with spaces or NULs; dates as yyyyMMdd (some libraries add separators); 长期 for life.
 */
final class VendorText {

    static final Charset GBK = Charset.forName("GB18030");
    static final Charset UCS2 = StandardCharsets.UTF_16LE;

    private VendorText() {
    }

    /** The text of {@code length} bytes from {@code offset}, up to the first NUL, padding stripped. */
    static String decode(byte[] bytes, int offset, int length, Charset charset) {
        int end = Math.min(bytes.length, offset + Math.max(0, length));
        int step = charset.equals(UCS2) ? 2 : 1;
        int stop = offset;
        while (stop + step <= end && !(bytes[stop] == 0 && (step == 1 || bytes[stop + 1] == 0))) {
            stop += step;
        }
        return new String(bytes, offset, stop - offset, charset).strip();
    }

    /** A date from yyyyMMdd, yyyy-MM-dd or yyyy.MM.dd; null when blank, 长期 or not a date. */
    static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replaceAll("[^0-9]", "");
        if (digits.length() != 8) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(digits.substring(0, 4)), Integer.parseInt(digits.substring(4, 6)),
                    Integer.parseInt(digits.substring(6, 8)));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** 男/女 or the card's code (1 male, 2 female); null for anything else (0 unknown, 9 unstated). */
    static Sex sex(String text) {
        String value = text == null ? "" : text.strip();
        if (value.startsWith("男") || value.equals("1")) {
            return Sex.MALE;
        }
        if (value.startsWith("女") || value.equals("2")) {
            return Sex.FEMALE;
        }
        return null;
    }

    /**
     * The ethnic group as the counter keeps it, from a word ("土家族") or the card's GB 3304 code ("15",
     * the order of {@link HouseholdWords#ETHNICITIES}); other words are kept as the card says them.
     */
    static String ethnicity(String text) {
        String value = text == null ? "" : text.strip();
        if (value.matches("\\d{1,2}")) {
            int code = Integer.parseInt(value);
            return code >= 1 && code <= HouseholdWords.ETHNICITIES.size() ? HouseholdWords.ETHNICITIES.get(code - 1)
                    : value;
        }
        return HouseholdWords.ethnicity(value).orElse(value.isEmpty() ? null : value);
    }

    /** The ports a reader may sit on, in the order vendors scan them: USB 1001–1016, then serial 1–16. */
    static int[] ports() {
        int[] ports = new int[32];
        for (int i = 0; i < 16; i++) {
            ports[i] = 1001 + i;
            ports[16 + i] = 1 + i;
        }
        return ports;
    }
}
