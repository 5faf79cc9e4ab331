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
}
