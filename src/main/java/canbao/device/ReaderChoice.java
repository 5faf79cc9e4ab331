package canbao.device;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which reader the counter uses: found among the vendor libraries installed ({@code auto}), one
 * vendor family ({@code termb}, {@code sdtapi}), a file of cards ({@code simulated:FILE}) or none.
 * Kept as its text in the workplace settings and given as {@code --reader} on the window's command line.
 */
public record ReaderChoice(Kind kind, Path file) {

    public enum Kind { AUTO, TERMB, SDTAPI, SIMULATED, NONE }

    public static final ReaderChoice AUTO = new ReaderChoice(Kind.AUTO, null);
    public static final ReaderChoice NONE = new ReaderChoice(Kind.NONE, null);

    public ReaderChoice {
        if ((kind == Kind.SIMULATED) != (file != null)) {
            throw new IllegalArgumentException("a simulated reader, and only it, names a file");
        }
    }

    /** @throws IllegalArgumentException for anything but auto, termb, sdtapi, none or simulated:FILE */
    public static ReaderChoice parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith("simulated:") && value.length() > "simulated:".length()) {
            return new ReaderChoice(Kind.SIMULATED, Path.of(value.substring("simulated:".length())));
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto", "" -> AUTO;
            case "termb" -> new ReaderChoice(Kind.TERMB, null);
            case "sdtapi" -> new ReaderChoice(Kind.SDTAPI, null);
            case "none" -> NONE;
            default -> throw new IllegalArgumentException(
                    "reader must be auto, termb, sdtapi, none or simulated:FILE, not " + value);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.SIMULATED ? "simulated:" + file : kind.name().toLowerCase(Locale.ROOT);
    }
}
