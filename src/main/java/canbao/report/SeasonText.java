package canbao.report;

import java.math.BigDecimal;

/** How the dashboard's figures read, on the screen and from {@code report season} alike. */
public final class SeasonText {

    private SeasonText() {
    }

    /** 0.4286 → 42.86%; none → —. */
    public static String percent(BigDecimal rate) {
        return rate == null ? "—" : rate.movePointRight(2).setScale(2) + "%";
    }

    /** +3, −1, 0 (a real minus sign). */
    public static String signed(long change) {
        return change > 0 ? "+" + change : change < 0 ? "−" + -change : "0";
    }
}
