package canbao.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.HubTls;
import canbao.model.Localization;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real HTTPS on 127.0.0.1: a hub serving a certificate made by {@code hub tls init}, counters that pin
 * it (or a CA), and what they refuse — another certificate, a host name the CA did not certify, plain
 * HTTP to another machine (refused before connecting: 192.0.2.1 is TEST-NET and never contacted).
 */
class HubTlsTest {

    @TempDir
    Path folder;

    private Hub hub;
    private HubServer server;
    private HubTls.Made first;
    private String token;

    @BeforeEach
    void start() throws Exception {
        first = HubTls.init(folder.resolve("first"), List.of("localhost", "127.0.0.1"), Clock.systemUTC());
        hub = Hub.open("jdbc:sqlite:" + folder.resolve("hub.db"), Clock.systemUTC());
        token = hub.registerDevice("兴义镇-1", "兴义镇");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        hub.close();
    }

    private URI serve(SslContextFactory.Server tls) throws Exception {
        server = new HubServer(hub, "127.0.0.1", 0, HubServer.DEFAULT_MAX_BATCH_BYTES, UnaryOperator.identity(), tls)
                .start();
        return URI.create("https://127.0.0.1:" + server.port());
    }

    private static HubTrust pinned(Path certificateFile) throws Exception {
        return new HubTrust(new HubTrust.Pin(HubTrust.Pin.Kind.CERTIFICATE,
                HubTls.certificates(certificateFile).get(0)), false);
    }

    private static UploadBatch household() {
        return new UploadBatch(UUID.randomUUID().toString(), "兴义镇-1", "兴义镇", "王芳", List.of(
                new SyncRecord("household", UUID.randomUUID().toString(), 1,
                        "{\"number\":\"0012\",\"village\":\"兴义村\"}")));
    }

    private long batchesAtTheHub() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + folder.resolve("hub.db"));
             ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM batch")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void aPinnedSelfSignedCertificateCarriesABatchEndToEnd() throws Exception {
        URI address = serve(HubTls.fromPem(first.certificate(), first.key()));
        assertEquals(first.fingerprint(), HubTrust.fingerprint(HubTrust.presented(address, Duration.ofSeconds(5)).get(0)),
                "the administrator sees the fingerprint tls init printed");
        assertTrue(first.fingerprint().matches("([0-9A-F]{4} ){15}[0-9A-F]{4}"), first.fingerprint());
        assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(first.key()));

        SyncClient client = new SyncClient(address, token, Duration.ofSeconds(10), pinned(first.certificate()));
        client.checkHealth();
        BatchAnswer answer = client.upload(household());

        assertEquals(RecordResult.Status.ACCEPTED, answer.results().get(0).status());
        assertTrue(hub.verify(answer));
        assertEquals(1, batchesAtTheHub());
    }

    @Test
    void anotherCertificateIsRefusedInWordsAndNothingIsSent() throws Exception {
        HubTls.Made second = HubTls.init(folder.resolve("second"), List.of("localhost"), Clock.systemUTC());
        URI address = serve(HubTls.fromPem(second.certificate(), second.key()));
        SyncClient client = new SyncClient(address, token, Duration.ofSeconds(10), pinned(first.certificate()));

        HubTrust.Untrusted refused = assertThrows(HubTrust.Untrusted.class, () -> client.upload(household()));

        assertEquals(Localization.format(Localization.CHINESE, "hubTrust.mismatch.certificate", second.fingerprint(),
                "127.0.0.1"), refused.getMessage());
        assertTrue(refused.getMessage().startsWith("汇总端出示的证书与本机确认过的不一致（出示的证书指纹 "
                + second.fingerprint() + "）"), refused.getMessage());
        assertFalse(refused.getMessage().matches("(?s).*[A-Za-z]+(Exception|Error).*"), refused.getMessage());
        assertEquals(refused.getMessage(), HubFailure.describe(refused, Localization.CHINESE));
        assertThrows(HubTrust.Untrusted.class, client::checkHealth);
        assertEquals(0, batchesAtTheHub(), "the batch never left the counter");
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeConnecting() {
        // 192.0.2.1 is TEST-NET-1: refused here before any packet, never contacted
        SyncClient client = new SyncClient(URI.create("http://192.0.2.1:8080"), token, Duration.ofSeconds(30));
        long started = System.nanoTime();

        HubTrust.Untrusted refused = assertThrows(HubTrust.Untrusted.class, () -> client.upload(household()));

        assertTrue(System.nanoTime() - started < Duration.ofSeconds(2).toNanos(), "no connection was tried");
        assertEquals("汇总端地址是不加密的 http:// 且不在本机：已拒绝，没有发送任何记录（记录和身份证号会在途中以明文传输）。"
                + "请用汇总端的 https:// 地址，或由管理员明确允许不加密连接", refused.getMessage());
        assertThrows(HubTrust.Untrusted.class, client::checkHealth);
        assertThrows(HubTrust.Untrusted.class, () -> client.coveredYears("500230198003151079", null));
    }

    @Test
    void httpsWithNothingPinnedIsRefusedBeforeSending() throws Exception {
        URI address = serve(HubTls.fromPem(first.certificate(), first.key()));

        HubTrust.Untrusted refused = assertThrows(HubTrust.Untrusted.class,
                () -> new SyncClient(address, token, Duration.ofSeconds(10)).upload(household()));

        assertEquals(Localization.text(Localization.CHINESE, "hubTrust.notPinned"), refused.getMessage());
        assertEquals(0, batchesAtTheHub());
    }

    @Test
    void loopbackIsTheOnlyPlainHttpAllowedUnlessTheAdministratorSaidSo() throws Exception {
        assertTrue(HubTrust.isLoopback("127.0.0.1"));
        assertTrue(HubTrust.isLoopback("127.8.9.10"));
        assertTrue(HubTrust.isLoopback("localhost"));
        assertTrue(HubTrust.isLoopback("[::1]"));
        assertFalse(HubTrust.isLoopback("192.0.2.1"));
        assertFalse(HubTrust.isLoopback("127.0.0.1.example.org"), "a name is not looked up, nor taken by its prefix");
        assertFalse(HubTrust.isLoopback("hub.example.org"));
        HubTrust.NONE.requireAllowed(URI.create("http://127.0.0.1:8080"));
        new HubTrust(null, true).requireAllowed(URI.create("http://192.0.2.1:8080"));
        assertThrows(HubTrust.Untrusted.class, () -> new HubTrust(null, true).requireAllowed(
                URI.create("https://192.0.2.1:8443")), "allowing plain HTTP pins no certificate");
    }

    @Test
    void aCaPinChecksTheChainAndTheHostName() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair caKeys = generator.generateKeyPair();
        KeyPair hubKeys = generator.generateKeyPair();
        X500Name caName = new X500Name("CN=County CA");
        Date from = Date.from(Instant.now().minusSeconds(3600));
        Date until = Date.from(Instant.now().plus(Duration.ofDays(30)));
        X509Certificate ca = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.ONE, from, until, caName, caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        X509Certificate issued = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(caName,
                BigInteger.TWO, from, until, new X500Name("CN=localhost"), hubKeys.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hub", hubKeys.getPrivate(), "pw".toCharArray(), new Certificate[] {issued, ca});
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(store);
        tls.setKeyStorePassword("pw");
        URI byAddress = serve(tls);
        URI byName = URI.create("https://localhost:" + server.port());
        HubTrust trust = new HubTrust(new HubTrust.Pin(HubTrust.Pin.Kind.CA, ca), false);

        new SyncClient(byName, token, Duration.ofSeconds(10), trust).checkHealth();
        HubTrust.Untrusted otherName = assertThrows(HubTrust.Untrusted.class,
                () -> new SyncClient(byAddress, token, Duration.ofSeconds(10), trust).checkHealth());
        assertTrue(otherName.getMessage().startsWith("汇总端的证书不是本机确认过的证书机构为 127.0.0.1 签发的"),
                otherName.getMessage());
        HubTrust.Untrusted otherCa = assertThrows(HubTrust.Untrusted.class, () -> new SyncClient(byName, token,
                Duration.ofSeconds(10), new HubTrust(new HubTrust.Pin(HubTrust.Pin.Kind.CA,
                HubTls.certificates(first.certificate()).get(0)), false)).checkHealth());
        assertTrue(otherCa.getMessage().contains(HubTrust.fingerprint(issued)), otherCa.getMessage());
    }

    @Test
    void aPkcs12StoreServesWithItsPassphraseAndAWrongOneIsSaid() throws Exception {
        PrivateKey key;
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(first.key()))) {
            key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hub", key, "county-passphrase".toCharArray(),
                new Certificate[] {HubTls.certificates(first.certificate()).get(0)});
        Path p12 = folder.resolve("hub.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            store.store(out, "county-passphrase".toCharArray());
        }

        HubTls.Unusable wrong = assertThrows(HubTls.Unusable.class,
                () -> HubTls.fromPkcs12(p12, "wrong".toCharArray()));
        assertEquals("无法打开 PKCS#12 文件 " + p12 + "：口令不对，或不是 PKCS#12 文件", wrong.getMessage());
        URI address = serve(HubTls.fromPkcs12(p12, "county-passphrase".toCharArray()));
        new SyncClient(address, token, Duration.ofSeconds(10), pinned(first.certificate())).checkHealth();
    }

    @Test
    void aKeyOfAnotherCertificateAndAnExistingFileAreRefusedAtOnce() throws Exception {
        HubTls.Made second = HubTls.init(folder.resolve("second"), List.of("hub.county.example", "10.1.2.3"),
                Clock.systemUTC());

        HubTls.Unusable mismatch = assertThrows(HubTls.Unusable.class,
                () -> HubTls.fromPem(first.certificate(), second.key()));
        assertEquals(second.key() + " 中的私钥与证书不配对", mismatch.getMessage());
        String before = Files.readString(first.certificate());
        assertThrows(HubTls.Unusable.class, () -> HubTls.init(folder.resolve("first"), List.of("localhost"),
                Clock.systemUTC()), "a county's certificate is never overwritten: every counter pinned it");
        assertEquals(before, Files.readString(first.certificate()));
        assertThrows(HubTls.Unusable.class, () -> HubTls.init(folder.resolve("third"), List.of("bad host!"),
                Clock.systemUTC()));
    }
}
