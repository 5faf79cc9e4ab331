package canbao.model;

import java.util.List;

/** A value that passed validation, or the problems that stopped it. */
public record Validated<T>(T value, List<Problem> problems) {

    public Validated {
        problems = List.copyOf(problems);
        if ((value == null) == problems.isEmpty()) {
            throw new IllegalArgumentException("exactly one of value and problems");
        }
    }

    public static <T> Validated<T> valid(T value) {
        return new Validated<>(value, List.of());
    }

    public static <T> Validated<T> invalid(List<Problem> problems) {
        return new Validated<>(null, problems);
    }

    public boolean isValid() {
        return value != null;
    }
}
