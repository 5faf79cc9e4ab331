package canbao.policy;

import canbao.model.IdMask;
import canbao.model.Problem;
import canbao.model.Sex;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A resident identity number (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit birth
 * date, 3-digit sequence whose parity gives the sex (odd male, even female) and an ISO 7064
 * MOD 11-2 check character.
 */
public record ResidentId(String number, LocalDate birthDate, Sex sex) {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    private static final int EARLIEST_BIRTH_YEAR = 1900;

    /** Thrown for a number that is not a valid resident identity number; carries one problem. */
    public static final class InvalidException extends Exception {
        private final transient Problem problem;

        InvalidException(String key, Object... arguments) {
            super(key);
            this.problem = Problem.of("", key, arguments);
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * Checks, in this order, the length, the characters, the birth date (a real date, not before
     * 1900, not after {@code today}) and the check character; each failure has its own message.
     * A lower-case x is accepted and stored as X; surrounding spaces are ignored.
     */
    public static ResidentId parse(String raw, LocalDate today) throws InvalidException {
        String number = canbao.model.PersonKey.cleaned(raw);
        if (number.length() != 18) {
            throw new InvalidException("id.length", number.length());
        }
        for (int i = 0; i < 17; i++) {
            if (!isAsciiDigit(number.charAt(i))) {
                throw new InvalidException("id.characters", i + 1, String.valueOf(number.charAt(i)));
            }
        }
        char last = number.charAt(17);
        if (!isAsciiDigit(last) && last != 'X') {
            throw new InvalidException("id.lastCharacter", String.valueOf(last));
        }
        String birth = number.substring(6, 14);
        LocalDate birthDate;
        try {
            birthDate = LocalDate.of(Integer.parseInt(birth.substring(0, 4)), Integer.parseInt(birth.substring(4, 6)),
                    Integer.parseInt(birth.substring(6, 8)));
        } catch (DateTimeException e) {
            throw new InvalidException("id.birthDateInvalid", birth);
        }
        if (birthDate.getYear() < EARLIEST_BIRTH_YEAR) {
            throw new InvalidException("id.birthDateTooEarly", birth);
        }
        if (birthDate.isAfter(today)) {
            throw new InvalidException("id.birthDateFuture", birthDate);
        }
        char expected = checkCharacter(number.substring(0, 17));
        if (expected != last) {
            throw new InvalidException("id.checkCharacter", String.valueOf(expected), String.valueOf(last));
        }
        int sequence = number.charAt(16) - '0';
        return new ResidentId(number, birthDate, sequence % 2 == 1 ? Sex.MALE : Sex.FEMALE);
    }

    /** The MOD 11-2 check character of the first 17 digits. */
    public static char checkCharacter(String first17Digits) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS[sum % 11];
    }

    public String masked() {
        return IdMask.mask(number);
    }

    @Override
    public String toString() {
        // never print an identity number in clear (logs, exceptions)
        return "ResidentId[" + masked() + "]";
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
