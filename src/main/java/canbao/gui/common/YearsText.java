package canbao.gui.common;

import canbao.model.Problem;
import java.util.ArrayList;
import java.util.List;

/** Years typed in one field ("2024 2025", "2024,2025", "2024、2025"), as the screens take coverage years. */
public final class YearsText {

    /** Longer text is not a list of years a person could have. */
    private static final int MAX_LENGTH = 1000;

    private YearsText() {
    }

    /**
     * The years typed, in order; empty for a blank field. A word that is not a whole number is a
     * problem of {@code field} and nothing is returned. Range checks are the quote validator's.
     */
    public static List<Integer> parse(String text, String field, List<Problem> problems) {
        String typed = text == null ? "" : text.strip();
        List<Integer> years = new ArrayList<>();
        if (typed.isEmpty()) {
            return years;
        }
        if (typed.length() > MAX_LENGTH) {
            problems.add(Problem.of(field, "field.tooLong", MAX_LENGTH));
            return List.of();
        }
        for (String word : typed.split("[\\s,，、]+")) {
            try {
                years.add(Integer.parseInt(word));
            } catch (NumberFormatException e) {
                problems.add(Problem.of(field, "member.declaredYears.format", word));
                return List.of();
            }
        }
        return years;
    }
}
