package canbao.cli;

import canbao.hub.Hub;
import canbao.hub.HubServer;
import canbao.hub.HubTls;
import canbao.hub.PolicyShelf;
import canbao.sync.HubTrust;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * {@code hub --port P [--db URL] [--host H]} serves; {@code hub token --db URL --device NAME --township T}
 * makes a token that speaks for that township only; {@code hub token revoke}, {@code hub tls init},
 * {@code hub keys|sign} (the county key, {@link CountyKeyCommand}).
 */
final class HubCommand {

    /** The largest batch a hub may be told to take: 1 GiB (the default is 8 MiB). */
    static final long MAX_BATCH_BYTES_LIMIT = 1L << 30;

    private HubCommand() {
    }

    static int main(CommandLine cli, String[] args) throws Exception {
        if (args.length > 1 && (args[1].equals("keys") || args[1].equals("sign"))) {
            return new CountyKeyCommand(cli.stdout(), cli.err(), cli.locale())
                    .run(Arrays.copyOfRange(args, 1, args.length));
        }
        if (args.length > 2 && args[1].equals("token") && args[2].equals("revoke")) {
            return revokeToken(cli, Options.parse(args, 3, Set.of("db", "device", "operator", "key-file",
                    "db-password-file")));
        }
        if (args.length > 1 && args[1].equals("token")) {
            return issueToken(cli, Options.parse(args, 2, Set.of("db", "device", "township", "operator", "key-file",
                    "db-password-file")));
        }
        if (args.length > 2 && args[1].equals("tls") && args[2].equals("init")) {
            return initTls(cli, Options.parse(args, 3, Set.of("out", "host")));
        }
        return serve(cli, Options.parse(args, 1, Set.of("port", "db", "host", "max-batch-bytes", "policy-dir",
                "tls-cert", "tls-key", "tls-keystore", "tls-passphrase-file", "key-file", "db-password-file")));
    }

    private static int issueToken(CommandLine cli, Options options) throws IOException {
        boolean operator = options.get("operator") != null;
        if (operator ? options.get("device") != null || options.get("township") != null
                : options.get("device") == null || options.get("township") == null) {
            throw Options.usage("hub token [--db JDBC_URL] --device NAME --township T | --operator NAME");
        }
        Optional<String> db = database(cli, options);
        if (db.isEmpty()) {
            return CommandLine.EXIT_USAGE;
        }
        try (Hub hub = open(cli, options, db.get(), PolicyShelf.load(null))) {
            cli.stdout().println(operator ? hub.registerOperator(options.get("operator"))
                    : hub.registerDevice(options.get("device"), options.get("township")));
        } catch (IllegalArgumentException notAPlainName) {
            // the hub's own words (which name is refused and why), not "unknown option"
            cli.err().println(notAPlainName.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        return 0;
    }

    private static int initTls(CommandLine cli, Options options) throws IOException {
        if (options.get("out") == null || options.get("host") == null) {
            throw Options.usage("hub tls init --out DIR --host NAME[,IP...]");
        }
        try {
            HubTls.Made made = HubTls.init(Path.of(options.get("out")),
                    Arrays.stream(options.get("host").split(",")).map(String::strip).filter(h -> !h.isEmpty())
                            .toList(), Clock.systemUTC());
            cli.stdout().println(cli.format("hub.tls.made", made.certificate(), made.key(), made.fingerprint()));
            return 0;
        } catch (HubTls.Unusable e) {
            cli.err().println(e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
    }

    private static int serve(CommandLine cli, Options options) throws Exception {
        if (options.get("port") == null) {
            throw Options.usage("hub --port P [--db JDBC_URL] [--tls-cert F --tls-key F | --tls-keystore F]");
        }
        int port = options.integer("port", 0, 0, 65_535);
        long limit = options.number("max-batch-bytes", HubServer.DEFAULT_MAX_BATCH_BYTES, 1, MAX_BATCH_BYTES_LIMIT);
        Optional<String> db = database(cli, options);
        if (db.isEmpty()) {
            return CommandLine.EXIT_USAGE;
        }
        SslContextFactory.Server tls;
        try {
            tls = tls(cli, options);
        } catch (HubTls.Unusable e) {
            cli.err().println(e.getMessage());
            return CommandLine.EXIT_USAGE;
        }
        PolicyShelf shelf = PolicyShelf.load(options.get("policy-dir") == null ? null : Path.of(options.get("policy-dir")));
        try (Hub hub = open(cli, options, db.get(), shelf);
             HubServer server = new HubServer(hub, options.get("host") == null ? "0.0.0.0" : options.get("host"),
                     port, limit, UnaryOperator.identity(), tls).stopOnSignal().start()) {
            cli.err().println(tls == null ? cli.format("hub.listening", server.port())
                    : cli.format("hub.listening.tls", server.port(),
                    HubTrust.fingerprint(HubTls.servedCertificate(tls))));
            server.join();
        }
        return 0;
    }

    /**
     * The hub's database: {@code --db}, else {@code CANBAO_HUB_DB} — the environment keeps a PostgreSQL
     * password out of the process list.
     */
    private static Optional<String> database(CommandLine cli, Options options) {
        String db = options.get("db") != null ? options.get("db") : cli.variable("CANBAO_HUB_DB");
        if (db == null || db.isBlank()) {
            cli.err().println(cli.text("hub.db.missing"));
            return Optional.empty();
        }
        return Optional.of(db.strip());
    }

    /**
     * HTTPS from {@code --tls-cert} + {@code --tls-key} (PEM) or {@code --tls-keystore} (PKCS#12, its
     * passphrase from CANBAO_HUB_TLS_PASSPHRASE or --tls-passphrase-file, never the command line); null
     * for plain HTTP.
     */
    private static SslContextFactory.Server tls(CommandLine cli, Options options) throws HubTls.Unusable, IOException {
        boolean pem = options.get("tls-cert") != null || options.get("tls-key") != null;
        boolean store = options.get("tls-keystore") != null;
        if (pem && store || pem && (options.get("tls-cert") == null || options.get("tls-key") == null)) {
            throw new HubTls.Unusable(cli.text("hub.tls.certificateAndKey"));
        }
        if (pem) {
            return HubTls.fromPem(Path.of(options.get("tls-cert")), Path.of(options.get("tls-key")));
        }
        if (!store) {
            return null;
        }
        String passphrase = options.get("tls-passphrase-file") != null
                ? Files.readString(Path.of(options.get("tls-passphrase-file"))).strip()
                : cli.variable("CANBAO_HUB_TLS_PASSPHRASE");
        if (passphrase == null) {
            throw new HubTls.Unusable(cli.text("hub.tls.passphraseMissing"));
        }
        return HubTls.fromPkcs12(Path.of(options.get("tls-keystore")), passphrase.toCharArray());
    }

    /**
     * {@code hub token revoke [--db URL] --device NAME | --operator NAME}: the token stops working at
     * once; its holder is told to ask the county for a new one ({@code hub token} issues it).
     */
    private static int revokeToken(CommandLine cli, Options options) throws IOException {
        String device = options.get("device");
        String operator = options.get("operator");
        if ((device == null) == (operator == null)) {
            throw Options.usage("hub token revoke [--db JDBC_URL] --device NAME | --operator NAME");
        }
        Optional<String> db = database(cli, options);
        if (db.isEmpty()) {
            return CommandLine.EXIT_USAGE;
        }
        String name = device != null ? device : operator;
        try (Hub hub = open(cli, options, db.get(), PolicyShelf.load(null))) {
            boolean known = device != null ? hub.revokeDevice(device) : hub.revokeOperator(operator);
            cli.err().println(cli.format(known ? "hub.token.revokedDone" : "hub.token.noSuch", name));
            return known ? 0 : 1;
        }
    }

    /**
     * Opens the hub's database for any {@code hub} command. A database password never goes on the
     * command line (the process list shows it): a {@code --db} URL carrying one is refused; it comes from
     * CANBAO_HUB_DB_PASSWORD, {@code --db-password-file}, or a URL in CANBAO_HUB_DB. A hub not on a SQLite
     * file keeps its signing key in {@code --key-file} (a SQLite hub's is beside its file unless given).
     */
    private static Hub open(CommandLine cli, Options options, String db, PolicyShelf shelf) throws IOException {
        if (options.get("db") != null && options.get("db").toLowerCase(Locale.ROOT).contains("password=")) {
            throw new UsageException(cli.text("hub.passwordOnCommandLine"), false);
        }
        if (!db.startsWith("jdbc:sqlite:") && options.get("key-file") == null) {
            throw new UsageException(cli.text("hub.keyFileNeeded"), false);
        }
        return Hub.open(db, databasePassword(cli, options), Clock.systemUTC(), shelf,
                options.get("key-file") == null ? null : Path.of(options.get("key-file")));
    }

    private static String databasePassword(CommandLine cli, Options options) throws IOException {
        String file = options.get("db-password-file");
        if (file != null) {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        }
        return cli.variable("CANBAO_HUB_DB_PASSWORD");
    }
}
