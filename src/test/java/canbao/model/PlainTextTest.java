package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 13: what a name or a village may be — printable text — and what a date may be. */
class PlainTextTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', nullValues = "ok", textBlock = """
            张三                   | ok
            王 小 明               | ok
            \\u0000张三            | text.control
            张\\u001B[31m三        | text.control
            \\u202E三张            | text.bidi
            张\\u2067三\\u2069     | text.bidi
            \\u200B\\u200B         | text.invisible
            \\u200D \\u2060        | text.invisible
            张\\u200D三            | ok
            """)
    void printableTextOnly(String escaped, String problem) {
        String text = unescape(escaped);

        assertEquals(Optional.ofNullable(problem), PlainText.problem(text));
    }

    @ParameterizedTest
    @CsvSource({"1899-12-31, false", "1900-01-01, true", "2100-12-31, true", "2101-01-01, false", "0000-01-01, false",
            "+99999-01-01, false"})
    void datesBetween1900And2100(String date, boolean inRange) {
        assertEquals(inRange, PlainText.isDateInRange(LocalDate.parse(date)));
    }

    @org.junit.jupiter.api.Test
    void noTextIsNoProblem() {
        assertFalse(PlainText.problem(null).isPresent());
        assertTrue(PlainText.isDateInRange(null));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
