package canbao.device;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which reader the counter uses: found among the vendor libraries installed ({@code auto}), one
 * vendor family ({@code termb}, {@code sdtapi}), a file of cards ({@code simulated:FILE}) or none; for a
 * vendor reader, optionally the one port it sits on (else the ports are scanned) and, for one family, the
 * library file (else it is looked for where libraries are installed). Kept as its text in the workplace
 * settings and given as {@code --reader} on the window's command line:
 * {@code termb;port=1001;library=/opt/cvr/libtermb.so}.
 */
public record ReaderChoice(Kind kind, Path file, Integer port, Path library) {

    public enum Kind { AUTO, TERMB, SDTAPI, SIMULATED, NONE }

    public static final ReaderChoice AUTO = new ReaderChoice(Kind.AUTO, null);
    public static final ReaderChoice NONE = new ReaderChoice(Kind.NONE, null);

    public ReaderChoice {
        if ((kind == Kind.SIMULATED) != (file != null)) {
            throw new IllegalArgumentException("a simulated reader, and only it, names a file");
        }
        if (port != null && (!vendor(kind) || !isPort(port))) {
            throw new IllegalArgumentException("a port is USB 1001-1016 or serial 1-16, for a vendor reader only");
        }
        if (library != null && kind != Kind.TERMB && kind != Kind.SDTAPI) {
            throw new IllegalArgumentException("a library file is given for termb or sdtapi only");
        }
        if (library != null && library.toString().contains(";")) {
            throw new IllegalArgumentException("a library path may not contain ;");
        }
    }

    public ReaderChoice(Kind kind, Path file) {
        this(kind, file, null, null);
    }

    /** Whether a reader of this kind is a vendor's, behind the helper process. */
    public static boolean vendor(Kind kind) {
        return kind == Kind.AUTO || kind == Kind.TERMB || kind == Kind.SDTAPI;
    }

    /** A port a vendor reader may sit on: USB 1001–1016 or serial 1–16 ({@link VendorText#ports()}). */
    public static boolean isPort(int port) {
        return Arrays.stream(VendorText.ports()).anyMatch(candidate -> candidate == port);
    }

    /** The family the helper is asked for: auto, termb or sdtapi. */
    String family() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for anything but auto, termb, sdtapi, none or simulated:FILE, each
     *         vendor kind optionally followed by {@code ;port=N} and (termb, sdtapi) {@code ;library=PATH}
     */
    public static ReaderChoice parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.toLowerCase(Locale.ROOT).startsWith("simulated:") && value.length() > "simulated:".length()) {
            return new ReaderChoice(Kind.SIMULATED, Path.of(value.substring("simulated:".length())));
        }
        String[] parts = value.split(";", -1);
        Kind kind = switch (parts[0].strip().toLowerCase(Locale.ROOT)) {
            case "auto", "" -> Kind.AUTO;
            case "termb" -> Kind.TERMB;
            case "sdtapi" -> Kind.SDTAPI;
            case "none" -> Kind.NONE;
            default -> throw new IllegalArgumentException(
                    "reader must be auto, termb, sdtapi, none or simulated:FILE, not " + value);
        };
        Integer port = null;
        Path library = null;
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].strip();
            if (part.startsWith("port=")) {
                try {
                    port = Integer.valueOf(part.substring("port=".length()).strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("port must be a number: " + part);
                }
            } else if (part.startsWith("library=") && part.length() > "library=".length()) {
                library = Path.of(part.substring("library=".length()));
            } else {
                throw new IllegalArgumentException("after the reader come ;port=N or ;library=PATH, not " + part);
            }
        }
        return new ReaderChoice(kind, null, port, library);
    }

    @Override
    public String toString() {
        if (kind == Kind.SIMULATED) {
            return "simulated:" + file;
        }
        return family() + (port == null ? "" : ";port=" + port) + (library == null ? "" : ";library=" + library);
    }
}
