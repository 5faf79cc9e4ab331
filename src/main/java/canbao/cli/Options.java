package canbao.cli;

import canbao.model.Localization;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} options of a headless command; an unknown or valueless option is an error, and
 * so is a value of the wrong kind — each said with the option's name and what it takes
 * ({@link UsageException}), never a parser's message.
 */
public final class Options {

    private static final Locale LOCALE = Localization.CHINESE;

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    public static Options parse(String[] args, int from, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !known.contains(arg.substring(2))) {
                throw new UsageException(Localization.format(LOCALE, "cli.unknownOption", arg), true);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(Localization.format(LOCALE, "cli.option.noValue", arg), false);
            }
            values.put(arg.substring(2), args[++i]);
        }
        return new Options(values);
    }

    public String get(String name) {
        return values.get(name);
    }

    /** The option's whole number between {@code min} and {@code max}, or {@code fallback} when it is not given. */
    public long number(String name, long fallback, long min, long max) {
        String given = values.get(name);
        if (given == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(given.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // said below, with the option's name
        }
        throw new UsageException(Localization.format(LOCALE, "cli.option.number", name, String.valueOf(min),
                String.valueOf(max), given), false);
    }

    /** {@link #number} for an {@code int}. */
    public int integer(String name, int fallback, int min, int max) {
        return (int) number(name, fallback, min, max);
    }

    /** A policy year ({@code --year 2027}): four digits, required. */
    public int year(String name) {
        String given = values.get(name);
        if (given == null) {
            throw missing(name, "YYYY");
        }
        if (!given.matches("\\d{4}")) {
            throw new UsageException(Localization.format(LOCALE, "cli.option.year", name, given), false);
        }
        return Integer.parseInt(given);
    }

    /** A date written 2022-01-05, or {@code fallback} when the option is not given. */
    public LocalDate date(String name, LocalDate fallback) {
        String given = values.get(name);
        if (given == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(given);
        } catch (DateTimeParseException e) {
            throw new UsageException(Localization.format(LOCALE, "cli.badDate", given), false);
        }
    }

    /** One of a few words ({@code --allow-plain-http yes|no}), or null when the option is not given. */
    public String choice(String name, List<String> allowed) {
        String given = values.get(name);
        if (given != null && !allowed.contains(given)) {
            throw new UsageException(Localization.format(LOCALE, "cli.option.choice", name, String.join("|", allowed),
                    given), false);
        }
        return given;
    }

    /** The option's value; its absence is said with what it takes ({@code what}, as in the usage). */
    public String required(String name, String what) {
        String given = values.get(name);
        if (given == null) {
            throw missing(name, what);
        }
        return given;
    }

    private static UsageException missing(String name, String what) {
        return new UsageException(Localization.format(LOCALE, "cli.option.missing", name, what), false);
    }

    /** A command's usage line said as the error: {@code 用法：sync --data DIR --hub URL …}. */
    public static UsageException usage(String line) {
        return new UsageException(Localization.format(LOCALE, "cli.option.usage", line), false);
    }
}
