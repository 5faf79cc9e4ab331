package canbao.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * An exact amount of Chinese yuan, held as whole fen. Never a double: contributions are
 * collected and reconciled to the fen.
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money ofYuan(long yuan) {
        return new Money(Math.multiplyExact(yuan, 100));
    }

    /**
     * @throws ArithmeticException if the amount has more than two decimals (a fraction of a fen)
     */
    public static Money ofYuan(BigDecimal yuan) {
        return new Money(yuan.movePointRight(2).setScale(0, RoundingMode.UNNECESSARY).longValueExact());
    }

    public BigDecimal yuan() {
        BigDecimal value = BigDecimal.valueOf(fen, 2).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isZero() {
        return fen == 0;
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    /** Plain yuan, as a clerk reads it: {@code 320}, {@code 32.5}. */
    @Override
    public String toString() {
        // whole yuan (nearly every fee) without going through BigDecimal
        return fen % 100 == 0 ? Long.toString(fen / 100) : yuan().toPlainString();
    }
}
