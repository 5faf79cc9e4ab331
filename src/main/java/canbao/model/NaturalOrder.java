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

    /** By value whatever the leading zeros (digit strings of any length, no overflow). */
    private static int compareDigits(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        if (x.length() != y.length()) {
            return Integer.compare(x.length(), y.length());
        }
        int byValue = x.compareTo(y);
        // equal values: fewer leading zeros first, so the order is total
        return byValue != 0 ? byValue : Integer.compare(a.length(), b.length());
    }
}
