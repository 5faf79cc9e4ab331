package canbao.model;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Dates and instants in the one form the program writes them ({@link LocalDate#toString},
 * {@link Instant#toString}), read without the java.time formatters, which cost more than the rest of
 * reading a row or a quote request: stored rows (a birth date per person, 30,000 for the 续保 worklist)
 * and the {@code quote} command's dates. Any other text goes to {@link LocalDate#parse} or
 * {@link Instant#parse}, which answer (or refuse) it exactly as before ({@code IsoTextTest}).
 */
public final class IsoText {

    private IsoText() {
    }

    /**
     * A stored date as {@link LocalDate#toString} wrote it ({@code 2025-11-20}), read without the formatter
     * (a birth date per person: 30,000 for the 续保 worklist); null stays null, anything else goes to
     * {@link LocalDate#parse}, which answers (or refuses) it as before.
     */
    public static LocalDate date(String text) {
        if (text == null) {
            return null;
        }
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return LocalDate.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return LocalDate.parse(text);
        }
        return LocalDate.of(year, month, day);
    }

    /**
     * A stored timestamp as {@link Instant#toString} wrote it ({@code 2025-11-20T02:00:00Z}, with 1–9
     * fraction digits or none), read without the formatter: the 续保 worklist reads two per person (a
     * sixth of its time at 30,000 persons went to {@link Instant#parse}). Anything else goes to
     * {@link Instant#parse}, which answers (or refuses) it as before.
     */
    public static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length == 21 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || (length > 20 && text.charAt(19) != '.')) {
            return Instant.parse(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int fraction = length > 20 ? digits(text, 20, length - 1) : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || fraction < 0 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Instant.parse(text);
        }
        for (int scale = length - 21; scale < 9; scale++) {
            fraction *= 10;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, length > 20 ? fraction : 0);
    }

    /** The decimal number in {@code text[from, to)}, or −1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
