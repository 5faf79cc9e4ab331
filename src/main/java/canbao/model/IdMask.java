package canbao.model;

/** Identity numbers in lists and logs: {@code 500230********1079}. Never print one in clear. */
public final class IdMask {

    private IdMask() {
    }

    public static String mask(String number) {
        if (number == null || number.length() < 10) {
            return "****";
        }
        return number.substring(0, 6) + "*".repeat(number.length() - 10) + number.substring(number.length() - 4);
    }

    /**
     * A 医保电子凭证 code as it may be shown or logged: the first four and last four characters, the rest
     * starred (a code of eight or fewer all starred).
     */
    public static String maskCode(String code) {
        return code.length() <= 8 ? "*".repeat(code.length())
                : code.substring(0, 4) + "*".repeat(code.length() - 8) + code.substring(code.length() - 4);
    }
}
