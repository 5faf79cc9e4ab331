package canbao.hub;

import canbao.model.Localization;
import canbao.store.PrivateFiles;
import canbao.sync.HubTrust;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The hub's HTTPS certificate: read from PEM files or a PKCS#12 store for Jetty, or made self-signed
 * for a county without a CA ({@code hub tls init}). BouncyCastle writes and reads the ASN.1 and PEM;
 * the JDK's own providers make the key and the signature (BouncyCastle is not registered as a provider).
 */
public final class HubTls {

    /** The files {@code hub tls init} writes into its folder. */
    public static final String CERTIFICATE_FILE = "hub-cert.pem";
    public static final String KEY_FILE = "hub-key.pem";
    /** How long a self-signed certificate is valid: counters pin it, so renewing means every counter re-pins. */
    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(10 * 365 + 2);

    private static final Locale LOCALE = Localization.CHINESE;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern DNS_NAME = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final SecureRandom RANDOM = new SecureRandom();

    private HubTls() {
    }

    /** A certificate or key that cannot be used, said in words (which file and what to do). */
    public static final class Unusable extends Exception {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    /** What {@code hub tls init} made: the two files and the certificate's SHA-256, for the phone. */
    public record Made(Path certificate, Path key, String fingerprint) {
    }

    /**
     * A new EC P-256 key and a self-signed server certificate for {@code hosts} (names or IP addresses
     * the counters use in the hub's address), valid for ten years, written to {@value #CERTIFICATE_FILE}
     * and {@value #KEY_FILE} (0600) in {@code folder}. Existing files are never overwritten: a new
     * certificate means every counter pins again.
     */
    public static Made init(Path folder, List<String> hosts, Clock clock) throws Unusable, IOException {
        if (hosts.isEmpty()) {
            throw new Unusable(Localization.text(LOCALE, "hub.tls.noHost"));
        }
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(generalName(host));
        }
        Files.createDirectories(folder);
        Path certificateFile = folder.resolve(CERTIFICATE_FILE);
        Path keyFile = folder.resolve(KEY_FILE);
        for (Path file : List.of(certificateFile, keyFile)) {
            if (Files.exists(file)) {
                throw new Unusable(Localization.format(LOCALE, "hub.tls.exists", file));
            }
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            KeyPair pair = generator.generateKeyPair();
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hosts.get(0))
                    .addRDN(BCStyle.O, "canbao hub").build();
            Date from = Date.from(clock.instant().minus(Duration.ofDays(1)));
            Date until = Date.from(clock.instant().plus(SELF_SIGNED_VALIDITY));
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, RANDOM).add(BigInteger.ONE), from, until, subject, pair.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            // the key first, private from its creation: a crash between the two leaves no readable key
            PrivateFiles.file(keyFile);
            Files.writeString(keyFile, pem(new JcaPKCS8Generator(pair.getPrivate(), null)), StandardCharsets.US_ASCII);
            Files.writeString(certificateFile, pem(new JcaMiscPEMGenerator(certificate)), StandardCharsets.US_ASCII);
            return new Made(certificateFile, keyFile, HubTrust.fingerprint(certificate));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("the JDK cannot make an EC P-256 certificate", e);
        }
    }

    private static GeneralName generalName(String host) throws Unusable {
        String name = host.strip();
        if (IPV4.matcher(name).matches() || name.contains(":")) {
            try {
                // a literal address: parsed, never looked up
                java.net.InetAddress.getByName(name.replace("[", "").replace("]", ""));
                return new GeneralName(GeneralName.iPAddress, name.replace("[", "").replace("]", ""));
            } catch (IOException | IllegalArgumentException e) {
                throw new Unusable(Localization.format(LOCALE, "hub.tls.badHost", host));
            }
        }
        if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
            throw new Unusable(Localization.format(LOCALE, "hub.tls.badHost", host));
        }
        return new GeneralName(GeneralName.dNSName, name);
    }

    private static String pem(org.bouncycastle.util.io.pem.PemObjectGenerator object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /**
     * Jetty's TLS from a PEM certificate (the server's first, then any intermediates) and its PEM private
     * key (PKCS#8 or the older RSA/EC forms, not encrypted: the file is 0600 and the hub must start
     * unattended). The key must belong to the certificate.
     */
    public static SslContextFactory.Server fromPem(Path certificateFile, Path keyFile) throws Unusable {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        requireKeyOf(chain.get(0), key, keyFile);
        try {
            char[] password = HexFormat.of().formatHex(RANDOM.generateSeed(16)).toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("hub", key, password, chain.toArray(Certificate[]::new));
            return factory(store, new String(password));
        } catch (GeneralSecurityException | IOException e) {
            throw new Unusable(Localization.format(LOCALE, "hub.tls.unusableKey", keyFile));
        }
    }

    /** Jetty's TLS from a PKCS#12 store holding one key entry, opened with its passphrase. */
    public static SslContextFactory.Server fromPkcs12(Path storeFile, char[] passphrase) throws Unusable {
        KeyStore store;
        try (InputStream in = Files.newInputStream(storeFile)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, passphrase);
        } catch (IOException | GeneralSecurityException e) {
            throw new Unusable(Localization.format(LOCALE, "hub.tls.badStore", storeFile));
        }
        return factory(store, new String(passphrase));
    }

    /** The certificate a configured hub presents (the first key entry's), for its fingerprint. */
    public static X509Certificate servedCertificate(SslContextFactory.Server factory) {
        try {
            KeyStore store = factory.getKeyStore();
            for (String alias : java.util.Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
                    return certificate;
                }
            }
        } catch (GeneralSecurityException e) {
            // said below
        }
        throw new IllegalStateException("the store holds no key with a certificate");
    }

    private static SslContextFactory.Server factory(KeyStore store, String password) {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setKeyStore(store);
        factory.setKeyStorePassword(password);
        return factory;
    }

    /** The certificates of a PEM file, the server's own first. */
    public static List<X509Certificate> certificates(Path file) throws Unusable {
        try {
            byte[] bytes = Files.readAllBytes(file);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(bytes))) {
                chain.add((X509Certificate) certificate);
            }
            if (chain.isEmpty()) {
                throw new Unusable(Localization.format(LOCALE, "hub.tls.badCertificate", file));
            }
            return chain;
        } catch (IOException | GeneralSecurityException | ClassCastException e) {
            throw new Unusable(Localization.format(LOCALE, "hub.tls.badCertificate", file));
        }
    }

    private static PrivateKey privateKey(Path file) throws Unusable {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object read = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (read instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (read instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            if (read instanceof PEMEncryptedKeyPair || read instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new Unusable(Localization.format(LOCALE, "hub.tls.encryptedKey", file));
            }
            throw new Unusable(Localization.format(LOCALE, "hub.tls.unusableKey", file));
        } catch (IOException | RuntimeException e) {
            throw new Unusable(Localization.format(LOCALE, "hub.tls.unusableKey", file));
        }
    }

    /** A key that is not the certificate's would fail every handshake with no word of why: said at start. */
    private static void requireKeyOf(X509Certificate certificate, PrivateKey key, Path keyFile) throws Unusable {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            throw new Unusable(Localization.format(LOCALE, "hub.tls.unusableKey", keyFile));
        }
        try {
            byte[] probe = new byte[32];
            RANDOM.nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certificate.getPublicKey());
            verify.update(probe);
            if (verify.verify(signature)) {
                return;
            }
        } catch (GeneralSecurityException notTheCertificatesKey) {
            // said below
        }
        throw new Unusable(Localization.format(LOCALE, "hub.tls.keyMismatch", keyFile));
    }
}
