package canbao.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void yuanAreShownPlainWithoutTrailingZeros() {
        assertEquals("320", Money.ofYuan(320).toString());
        assertEquals("32.5", Money.ofYuan(new BigDecimal("32.50")).toString());
        assertEquals("0.01", new Money(1).toString());
        assertEquals("0", Money.ZERO.toString());
        assertEquals(new BigDecimal("1275"), Money.ofYuan(695).plus(Money.ofYuan(580)).yuan());
    }

    @Test
    void fractionOfAFenIsRefused() {
        assertThrows(ArithmeticException.class, () -> Money.ofYuan(new BigDecimal("0.005")));
    }

    @Test
    void arithmeticIsExact() {
        Money tenth = Money.ofYuan(new BigDecimal("0.1"));
        Money sum = Money.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(tenth);
        }
        assertEquals(Money.ofYuan(1), sum);
    }
}
