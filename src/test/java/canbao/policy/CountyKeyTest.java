package canbao.policy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CountyKeyTest {

    private static byte[] table2026() throws IOException {
        try (InputStream in = CountyKeyTest.class.getClassLoader().getResourceAsStream("policy/2026.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aTableSignedByThePinnedKeyIsAcceptedAsItsExactBytes() throws IOException {
        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2023, 2030);
        CountyKey pinned = CountyKey.parse("pinned", county.keyDocument());
        byte[] table = table2026();

        PolicyTable accepted = pinned.verified("2026.json", table, county.signer().sign(table).toFile());

        assertEquals(2026, accepted.year());
        assertEquals("潼南区医疗保障局", pinned.issuer());
    }

    @Test
    void aTableSignedByAnotherKeyIsRefusedNamingThatKey() throws IOException {
        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2023, 2030);
        CountySigner.Generated stranger = CountySigner.generate("潼南区医疗保障局", 2023, 2030);
        CountyKey pinned = CountyKey.parse("pinned", county.keyDocument());
        byte[] table = table2026();

        PolicyTableException refused = assertThrows(PolicyTableException.class,
                () -> pinned.verified("2026.json", table, stranger.signer().sign(table).toFile()));

        assertTrue(refused.getMessage().contains("不是本机认定的区县公钥所签"), refused.getMessage());
        assertTrue(refused.getMessage().contains(stranger.signer().publicKey().fingerprint()));
    }

    @Test
    void aTableChangedAfterSigningIsRefused() throws IOException {
        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2023, 2030);
        CountyKey pinned = CountyKey.parse("pinned", county.keyDocument());
        byte[] table = table2026();
        byte[] signature = county.signer().sign(table).toFile();
        String text = new String(table, StandardCharsets.UTF_8);
        byte[] tampered = text.replaceFirst("\"version\"\\s*:\\s*\"", "\"version\": \"x").getBytes(StandardCharsets.UTF_8);

        PolicyTableException refused = assertThrows(PolicyTableException.class,
                () -> pinned.verified("2026.json", tampered, signature));

        assertTrue(refused.getMessage().contains("签名与文件内容不符"), refused.getMessage());
    }

    @Test
    void aTableWithoutItsSignatureIsRefused() throws IOException {
        CountyKey pinned = CountyKey.parse("pinned", CountySigner.generate("县", 2023, 2030).keyDocument());
        byte[] table = table2026();

        PolicyTableException refused = assertThrows(PolicyTableException.class,
                () -> pinned.verified("2026.json", table, null));

        assertTrue(refused.getMessage().contains("没有签名"), refused.getMessage());
    }

    @Test
    void aYearTheKeyDoesNotCoverIsRefusedEvenWhenTheSignatureHolds() throws IOException {
        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2027, 2030);
        CountyKey pinned = CountyKey.parse("pinned", county.keyDocument());
        byte[] table = table2026();

        PolicyTableException refused = assertThrows(PolicyTableException.class,
                () -> pinned.verified("2026.json", table, county.signer().sign(table).toFile()));

        assertTrue(refused.getMessage().contains("2026年度不在区县公钥可签的年度（2027—2030）内"), refused.getMessage());
    }

    @Test
    void widerYearsInTheKeyDocumentChangeItsFingerprint() {
        CountySigner.Generated county = CountySigner.generate("潼南区医疗保障局", 2027, 2030);
        String widened = new String(county.keyDocument(), StandardCharsets.UTF_8).replace("2030", "2099");

        CountyKey original = CountyKey.parse("a", county.keyDocument());
        CountyKey other = CountyKey.parse("b", widened.getBytes(StandardCharsets.UTF_8));

        assertFalse(original.fingerprint().equals(other.fingerprint()));
        assertFalse(other.matches(original.fingerprint()));
    }

    @Test
    void aFingerprintReadByPhoneMatchesWhateverItsSpacingAndCase() {
        CountyKey key = CountyKey.parse("k", CountySigner.generate("县", 2023, 2030).keyDocument());
        String fingerprint = key.fingerprint();

        assertEquals(16 * 4 + 15, fingerprint.length());
        assertTrue(key.matches(fingerprint.toLowerCase().replace(" ", "")));
        assertTrue(key.matches(fingerprint.replace(" ", ":")));
        assertFalse(key.matches(""));
        assertFalse(key.matches(fingerprint.substring(0, 20)));
    }

    @Test
    void theSignerReloadsFromItsFilesAndRefusesAPrivateKeyOfAnotherPair() throws IOException {
        CountySigner.Generated county = CountySigner.generate("县", 2023, 2030);
        CountySigner.Generated other = CountySigner.generate("县", 2023, 2030);
        byte[] table = table2026();

        CountySigner reloaded = CountySigner.load("key", county.privatePem(), county.keyDocument());
        CountyKey pinned = CountyKey.parse("pinned", county.keyDocument());
        assertEquals(2026, pinned.verified("2026.json", table, reloaded.sign(table).toFile()).year());
        assertArrayEquals(county.keyDocument(), reloaded.publicKey().document());

        PolicyTableException mismatch = assertThrows(PolicyTableException.class,
                () -> CountySigner.load("key", other.privatePem(), county.keyDocument()));
        assertTrue(mismatch.getMessage().contains("不是一对"), mismatch.getMessage());
    }

    @Test
    void aKeyDocumentOfAnotherKindOrWithUnknownFieldsIsRefused() {
        assertThrows(PolicyTableException.class,
                () -> CountyKey.parse("k", "{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        byte[] document = CountySigner.generate("县", 2023, 2030).keyDocument();
        String extra = new String(document, StandardCharsets.UTF_8).replaceFirst("\\{", "{\"trusted\":true,");
        assertThrows(PolicyTableException.class,
                () -> CountyKey.parse("k", extra.getBytes(StandardCharsets.UTF_8)));
        assertThrows(PolicyTableException.class, () -> CountyKey.parse("k", new byte[CountyKey.MAX_DOCUMENT_BYTES + 1]));
    }
}
