package canbao.model;

import java.util.Comparator;

/**
 * Names ordered as people read them: runs of digits compare as numbers, so 2组 comes before 10组 and
 * 户0009 before 户0010 (户10 and 户0010, the same number, by fewer leading zeros); the rest compares character by character. Nulls come last.
 */
public final class NaturalOrder implements Comparator<String> {

    public static final Comparator<String> INSTANCE = Comparator.nullsLast(new NaturalOrder());

    private NaturalOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char x = a.charAt(i);
            char y = b.charAt(j);
            if (isDigit(x) && isDigit(y)) {
                int endA = digitsEnd(a, i);
                int endB = digitsEnd(b, j);
                int byValue = compareDigits(a.substring(i, endA), b.substring(j, endB));
                if (byValue != 0) {
                    return byValue;
                }
                i = endA;
                j = endB;
            } else {
                if (x != y) {
                    return Character.compare(x, y);
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(a.length() - i, b.length() - j);
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    private static int digitsEnd(String text, int from) {
        int end = from;
        while (end < text.length() && isDigit(text.charAt(end))) {
            end++;
        }
        return end;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * By value whatever the leading zeros (digit strings of any length, no overflow). A loop, not a
     * regular expression: a township's worklist sorts 7,500 households by group and 户号 (bench renewals).
     */
    private static int compareDigits(String a, String b) {
        int x = significant(a);
        int y = significant(b);
        int lengthX = a.length() - x;
        int lengthY = b.length() - y;
        if (lengthX != lengthY) {
            return Integer.compare(lengthX, lengthY);
        }
        for (int k = 0; k < lengthX; k++) {
            int byDigit = Character.compare(a.charAt(x + k), b.charAt(y + k));
            if (byDigit != 0) {
                return byDigit;
            }
        }
        // equal values: fewer leading zeros first, so the order is total
        return Integer.compare(a.length(), b.length());
    }

    /** Where the value starts: past the leading zeros, keeping the last digit ("000" is 0). */
    private static int significant(String digits) {
        int from = 0;
        while (from < digits.length() - 1 && digits.charAt(from) == '0') {
            from++;
        }
        return from;
    }
}
