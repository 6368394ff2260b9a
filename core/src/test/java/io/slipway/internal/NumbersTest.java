package io.slipway.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void numbersAreWrittenAsAPersonWritesThem() {
        assertEquals("1000", Numbers.text(new BigDecimal("1E+3")));
        assertEquals("0.5", Numbers.text(new BigDecimal("5E-1")));
        assertEquals("18090", Numbers.text(new BigDecimal("18090.00")));
        assertEquals("0", Numbers.text(new BigDecimal("0.000")));
        assertEquals("1" + "0".repeat(63), Numbers.text(new BigDecimal("1E+63")));
    }

    @Test
    void hugeExponentsStayScientificInsteadOfFillingTheHeap() {
        assertEquals("1E+64", Numbers.text(new BigDecimal("1E+64")));
        assertEquals("1E+999999999", Numbers.text(new BigDecimal("1e999999999")));
        assertEquals("1E-999999999", Numbers.text(new BigDecimal("1e-999999999")));
        assertEquals("-2.5E+400", Numbers.text(new BigDecimal("-25e399")));
    }
}
