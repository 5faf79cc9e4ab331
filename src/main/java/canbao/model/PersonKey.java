package canbao.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one key a person is known by across counters and at the hub: the ID number, else
 * {@code "cert:"} and the birth certificate number (出生医学证明编号) of a newborn without one yet.
 * The counter uses it to find a person named twice in one household, the hub to keep, find and lock
 * a person ({@code hub_person.identity}).
 */
public final class PersonKey {

    /** What a birth certificate number is prefixed with, so it never equals an ID number. */
    public static final String CERTIFICATE = "cert:";
    /** The key of a person with neither number: no one the hub can tell from another. */
    public static final String NONE = CERTIFICATE;

    private PersonKey() {
    }

    /** The person's key: the ID number as written, else "cert:" + the certificate ("cert:" with neither). */
    public static String of(String idNumber, String birthCertificateNo) {
        if (idNumber != null) {
            return idNumber;
        }
        return CERTIFICATE + (birthCertificateNo == null ? "" : birthCertificateNo);
    }

    /** Whether a key names no one ({@link #NONE}). */
    public static boolean isNone(String key) {
        return key == null || key.equals(NONE);
    }

    /**
     * A number (ID, or 出生医学证明) as the counters keep and send it, whoever typed, scanned or read it:
     * without surrounding spaces, in upper case (the X check character); null stays null.
     */
    public static String cleaned(String number) {
        return number == null ? null : number.strip().toUpperCase(Locale.ROOT);
    }

    /**
     * The keys to look a person up by from numbers someone typed or asked for (a history question): the
     * ID number and the certificate, each {@link #cleaned} as the counters send them.
     */
    public static List<String> lookups(String idNumber, String birthCertificateNo) {
        List<String> keys = new ArrayList<>();
        if (idNumber != null && !idNumber.isBlank()) {
            keys.add(cleaned(idNumber));
        }
        if (birthCertificateNo != null && !birthCertificateNo.isBlank()) {
            keys.add(CERTIFICATE + cleaned(birthCertificateNo));
        }
        return keys;
    }
}
