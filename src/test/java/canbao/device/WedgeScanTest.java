package canbao.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Scanner or hand, told apart by the time between keys (a test clock in nanoseconds). */
class WedgeScanTest {

    private static final long MS = 1_000_000L;

    private static WedgeScan.Result type(String text, long gapMillis) {
        WedgeScan scan = new WedgeScan();
        long now = 1_000 * MS;
        for (char c : text.toCharArray()) {
            scan.key(c, now);
            now += gapMillis * MS;
        }
        return scan.enter(now);
    }

    @Test
    void aScannedIdBarcodeFillsTheNumber() {
        assertEquals(new WedgeScan.Result(WedgeScan.Kind.ID_NUMBER, "50023019500101224X"),
                type("50023019500101224x", 8));
    }

    @Test
    void aScannedCodeIsAnInsuranceCode() {
        assertEquals(new WedgeScan.Result(WedgeScan.Kind.INSURANCE_CODE, "E3A1F0C9B7D24C5E8A11"),
                type("E3A1F0C9B7D24C5E8A11", 5));
    }

    @Test
    void aNumberTypedByHandStillFillsTheNumber() {
        assertEquals(WedgeScan.Kind.TYPED_ID_NUMBER, type("500230198003151079", 120).kind());
    }

    @Test
    void aCodeTypedByHandOrOneSlowKeyIsNotTakenForAScan() {
        assertEquals(WedgeScan.Kind.UNRECOGNISED, type("E3A1F0C9B7D24C5E8A11", 90).kind());
        WedgeScan scan = new WedgeScan();
        long now = 0;
        for (char c : "E3A1F0C9B7D24C5E8A11".toCharArray()) {
            scan.key(c, now);
            now += (c == 'F' ? 200 : 5) * MS;
        }
        assertEquals(WedgeScan.Kind.UNRECOGNISED, scan.enter(now).kind());
    }

    @Test
    void enterAloneOrAfterAResetIsNothing() {
        WedgeScan scan = new WedgeScan();
        assertEquals(WedgeScan.Kind.UNRECOGNISED, scan.enter(0).kind());
        scan.key('1', 0);
        scan.reset();
        assertEquals(new WedgeScan.Result(WedgeScan.Kind.UNRECOGNISED, ""), scan.enter(1));
    }
}
