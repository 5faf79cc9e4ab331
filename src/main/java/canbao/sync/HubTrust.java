package canbao.sync;

import canbao.model.Localization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Whom a counter trusts to be its hub: the one certificate the administrator confirmed by its
 * fingerprint (the hub's own, e.g. made by {@code hub tls init}), or a CA whose certificates are then
 * checked as usual, host name included. Nothing else: not the system's CA list, never a certificate
 * seen for the first time. Plain {@code http://} goes only to this machine (tests, a hub on the same
 * computer) unless the administrator allowed it (a setting kept in the encrypted data, audited).
 * Every refusal happens before a byte of the request is sent and is said in Chinese.
 */
public record HubTrust(Pin pin, boolean plainHttpAllowed) {

    /** No certificate confirmed and no plain HTTP beyond this machine. */
    public static final HubTrust NONE = new HubTrust(null, false);

    /** What the administrator pinned: the hub's certificate itself, or the CA that issues it. */
    public record Pin(Kind kind, X509Certificate certificate) {
        public enum Kind { CERTIFICATE, CA }

        /** How it is kept in the settings: {@code certificate:} or {@code ca:} and the DER in base64. */
        public String encoded() {
            try {
                return kind.name().toLowerCase(Locale.ROOT) + ":"
                        + Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        public static Pin decode(String encoded) {
            String[] parts = encoded.split(":", 2);
            try {
                return new Pin(Kind.valueOf(parts[0].toUpperCase(Locale.ROOT)),
                        HubTrust.certificate(Base64.getDecoder().decode(parts[1])));
            } catch (RuntimeException | CertificateException e) {
                throw new IllegalArgumentException("not a stored hub certificate", e);
            }
        }

        public String fingerprint() {
            return HubTrust.fingerprint(certificate);
        }
    }

    /**
     * The hub cannot be trusted with this request (plain HTTP to another machine, HTTPS with nothing
     * pinned, a certificate other than the pinned one): said in Chinese, nothing was sent.
     */
    public static final class Untrusted extends IOException {
        public Untrusted(String message) {
            super(message);
        }
    }

    /** Thrown inside the TLS handshake when the hub presents a certificate the pin does not allow. */
    static final class Mismatch extends CertificateException {
        private final String presented;

        Mismatch(String presented, Throwable cause) {
            super("the hub's certificate is not the one pinned", cause);
            this.presented = presented;
        }
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Locale LOCALE = Localization.CHINESE;

    public HubTrust withPin(Pin newPin) {
        return new HubTrust(newPin, plainHttpAllowed);
    }

    /**
     * Refuses, before connecting, what this trust does not allow: plain HTTP to a machine other than
     * this one unless allowed, HTTPS with no pinned certificate, any other scheme.
     */
    public void requireAllowed(URI hub) throws Untrusted {
        String scheme = hub.getScheme() == null ? "" : hub.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!plainHttpAllowed && !isLoopback(hub.getHost())) {
                throw new Untrusted(Localization.text(LOCALE, "hubTrust.plainHttp"));
            }
        } else if (scheme.equals("https")) {
            if (pin == null) {
                throw new Untrusted(Localization.text(LOCALE, "hubTrust.notPinned"));
            }
        } else {
            throw new Untrusted(Localization.text(LOCALE, "hubTrust.scheme"));
        }
    }

    /**
     * Whether a host in an address is this machine: {@code localhost} or a loopback literal (127.x.x.x,
     * ::1). A name is never looked up: only literals are parsed.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4.matcher(bare).matches() && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (IOException notALiteral) {
            return false;
        }
    }

    /**
     * TLS that accepts only the pinned certificate (exactly it, whatever name it carries: the pin is the
     * identity), or certificates issued under the pinned CA for the host of the address (the JDK's own
     * checks of chain, dates and host name). Null when nothing is pinned.
     */
    public SSLContext sslContext() {
        if (pin == null) {
            return null;
        }
        try {
            X509ExtendedTrustManager trust = pin.kind() == Pin.Kind.CERTIFICATE
                    ? new ExactCertificate(pin.certificate()) : new UnderCa(pin.certificate());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
    }

    /**
     * What to tell the clerk when an exchange failed in the TLS handshake because of the pin, or empty
     * when the failure was something else (a dropped link, a hub not running).
     */
    static Optional<String> refusal(Throwable failure, URI hub) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof Mismatch mismatch) {
                return Optional.of(Localization.format(LOCALE, "hubTrust.mismatch." + mismatchKind(mismatch),
                        mismatch.presented, hub.getHost()));
            }
        }
        return Optional.empty();
    }

    private static String mismatchKind(Mismatch mismatch) {
        return mismatch.getCause() == null ? "certificate" : "ca";
    }

    /** SHA-256 of the certificate's DER in 16 groups of 4 capital hex digits, to read out on the phone. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            return grouped(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String grouped(byte[] digest) {
        String hex = HexFormat.of().withUpperCase().formatHex(digest);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < hex.length(); i += 4) {
            grouped.append(i == 0 ? "" : " ").append(hex, i, i + 4);
        }
        return grouped.toString();
    }

    /** A fingerprint as typed (any case, spaces or colons between) in the form {@link #fingerprint} gives; empty when not 64 hex digits. */
    public static Optional<String> normalizedFingerprint(String typed) {
        String hex = typed == null ? "" : typed.replaceAll("[\\s:]", "");
        if (!hex.matches("[0-9A-Fa-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(grouped(HexFormat.of().parseHex(hex)));
    }

    public static X509Certificate certificate(byte[] encoded) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(encoded));
    }

    /**
     * The certificates an HTTPS hub presents, its own first, read in a handshake that trusts anything and
     * then closes: no request is sent. For the administrator to compare the fingerprint with the county's
     * before pinning it.
     */
    public static List<X509Certificate> presented(URI hub, Duration timeout) throws IOException {
        if (!"https".equalsIgnoreCase(hub.getScheme()) || hub.getHost() == null) {
            throw new Untrusted(Localization.text(LOCALE, "hubTrust.fetchNeedsHttps"));
        }
        List<X509Certificate> seen = new ArrayList<>();
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recorder(seen)}, null);
            int port = hub.getPort() < 0 ? 443 : hub.getPort();
            String host = hub.getHost().startsWith("[") ? hub.getHost().substring(1, hub.getHost().length() - 1)
                    : hub.getHost();
            try (Socket plain = new Socket()) {
                plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                plain.setSoTimeout((int) timeout.toMillis());
                try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, false)) {
                    tls.startHandshake();
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS", e);
        }
        if (seen.isEmpty()) {
            throw new IOException("the hub presented no certificate");
        }
        return seen;
    }

    /**
     * A trust manager of the counter's side: it judges the hub's chain only (socket and engine calls
     * end in {@link #checkServerTrusted(X509Certificate[], String)}) and authenticates no clients.
     */
    private abstract static class ServerOnly extends X509ExtendedTrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a counter authenticates no clients");
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }
    }

    /** Trusts the one pinned certificate, byte for byte. */
    private static final class ExactCertificate extends ServerOnly {
        private final X509Certificate pinned;

        ExactCertificate(X509Certificate pinned) {
            this.pinned = pinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0 || !chain[0].equals(pinned)) {
                throw new Mismatch(chain == null || chain.length == 0 ? "—" : fingerprint(chain[0]), null);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** The JDK's PKIX checks (chain, dates, host name) with the pinned CA as the only trust anchor. */
    private static final class UnderCa extends ServerOnly {
        private final X509ExtendedTrustManager pkix;

        UnderCa(X509Certificate ca) throws GeneralSecurityException, IOException {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("county-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(anchors);
            this.pkix = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        }

        private static Mismatch mismatch(X509Certificate[] chain, CertificateException cause) {
            return new Mismatch(chain == null || chain.length == 0 ? "—" : fingerprint(chain[0]), cause);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                pkix.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                throw mismatch(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            try {
                pkix.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                throw mismatch(chain, e);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            try {
                pkix.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                throw mismatch(chain, e);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return pkix.getAcceptedIssuers();
        }
    }

    /** Accepts anything and keeps what it saw: used only to show the administrator the hub's certificate. */
    private static final class Recorder extends ServerOnly {
        private final List<X509Certificate> seen;

        Recorder(List<X509Certificate> seen) {
            this.seen = seen;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.clear();
            seen.addAll(List.of(chain));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
