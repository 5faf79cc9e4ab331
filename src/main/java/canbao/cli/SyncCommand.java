package canbao.cli;

import canbao.hub.HubTls;
import canbao.store.CounterPolicies;
import canbao.store.Database;
import canbao.store.OutboxQueue;
import canbao.store.Workplace;
import canbao.store.WorkplaceSettings;
import canbao.sync.HubFailure;
import canbao.sync.HubTrust;
import canbao.sync.PolicyDownload;
import canbao.sync.SyncClient;
import canbao.sync.Uploader;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code sync --data DIR --hub URL [--token-file F] [--time-limit SECONDS] [--batch-size N]}: uploads
 * everything pending, prints a JSON summary; exit 0 only when nothing is left pending. A new device
 * token comes from {@code CANBAO_HUB_TOKEN} or a file, never the command line (it would show in the
 * process list).
 */
final class SyncCommand {

    static final String USAGE = "sync --data DIR --hub URL [--token-file F] [--time-limit SECONDS] [--batch-size N]";
    /** A day: a longer upload is a mistake in the script. */
    static final long MAX_TIME_LIMIT_SECONDS = 86_400;
    static final int MAX_BATCH_SIZE = 10_000;

    private SyncCommand() {
    }

    static int main(CommandLine cli, String[] args) throws Exception {
        Options options = Options.parse(args, 1, Set.of("data", "user", "hub", "token", "token-file", "time-limit",
                "batch-size", "pin-hub-cert", "pin-hub-ca", "hub-fingerprint", "allow-plain-http"));
        if (options.get("hub") == null) {
            throw Options.usage(USAGE);
        }
        if (options.get("token") != null) {
            cli.err().println(cli.text("sync.tokenOnCommandLine"));
            return CommandLine.EXIT_USAGE;
        }
        // every option is read before anything is signed in or saved
        Duration limit = Duration.ofSeconds(options.number("time-limit", 300, 0, MAX_TIME_LIMIT_SECONDS));
        int batchSize = options.integer("batch-size", 500, 1, MAX_BATCH_SIZE);
        options.choice("allow-plain-http", List.of("yes", "no"));
        String newToken = cli.variable("CANBAO_HUB_TOKEN");
        if (options.get("token-file") != null) {
            List<String> lines = Files.readAllLines(Path.of(options.get("token-file")));
            newToken = lines.isEmpty() ? null : lines.get(0).strip();
        }
        String givenToken = newToken == null || newToken.isBlank() ? null : newToken.strip();
        Path folder = cli.dataFolder(options);
        return cli.signedIn(cli.signIn(options), session -> {
            Database database = session.database();
            WorkplaceSettings settings = new WorkplaceSettings(database);
            Optional<Workplace> workplace = settings.load().map(w -> new Workplace(w.township(), w.county(),
                    session.operator().login()));
            // where the records go is the administrator's to set: others sync only to the hub already saved
            boolean changes = (givenToken != null && !settings.hubToken().equals(Optional.of(givenToken)))
                    || !settings.hubUrl().equals(Optional.of(options.get("hub").strip()));
            if (changes && !session.operator().role().managesAccounts()) {
                cli.err().println(cli.text("upload.adminOnly"));
                return Credentials.EXIT_REFUSED;
            }
            boolean trustChanges = options.get("pin-hub-cert") != null || options.get("pin-hub-ca") != null
                    || options.get("hub-fingerprint") != null || options.get("allow-plain-http") != null;
            if (trustChanges && !session.operator().role().managesAccounts()) {
                cli.err().println(cli.text("sync.pin.adminOnly"));
                return Credentials.EXIT_REFUSED;
            }
            if (trustChanges && !pinHub(cli, options, settings, session.operator().login())) {
                return CommandLine.EXIT_USAGE;
            }
            if (givenToken != null) {
                settings.saveHubToken(givenToken);
            }
            settings.saveHubUrl(options.get("hub"));
            Optional<String> token = settings.hubToken();
            if (token.isEmpty()) {
                cli.err().println(cli.text("sync.noToken"));
                return CommandLine.EXIT_USAGE;
            }
            OutboxQueue queue = new OutboxQueue(database, workplace.get(), settings.deviceId().orElseThrow(),
                    Clock.systemUTC());
            SyncClient client = new SyncClient(URI.create(options.get("hub")), token.get(), Duration.ofSeconds(30),
                    settings.hubTrust());
            Uploader uploader = new Uploader(queue, client, Clock.systemUTC(),
                    duration -> Thread.sleep(duration.toMillis()), batchSize);
            Uploader.Summary summary = uploader.uploadAll(limit);
            ObjectMapper json = new ObjectMapper();
            Map<String, Object> printed = new LinkedHashMap<>(json.convertValue(summary, Map.class));
            try {
                // reference data down: new policy tables land in the data folder's policy/
                PolicyDownload.Result policies = new PolicyDownload(client, settings.countyKey())
                        .into(folder.resolve(CounterPolicies.FOLDER));
                printed.put("policyTablesFetched", policies.fetched());
                printed.put("policyTablesRefused", policies.refused());
            } catch (IOException e) {
                printed.put("policyTablesError", String.valueOf(e.getMessage()));
            }
            cli.stdout().println(json.writeValueAsString(printed));
            return summary.pending() == 0 ? 0 : 1;
        });
    }

    /**
     * For scripts, what the Upload screen's administrator does: pins the hub's certificate from a PEM file
     * ({@code --pin-hub-cert}), a CA ({@code --pin-hub-ca}), or the certificate the hub presents when its
     * fingerprint is the one given ({@code --hub-fingerprint}, read out by the county); and
     * {@code --allow-plain-http yes|no}. Each is kept in the encrypted data and audited.
     */
    private static boolean pinHub(CommandLine cli, Options options, WorkplaceSettings settings, String login)
            throws IOException {
        String allow = options.choice("allow-plain-http", List.of("yes", "no"));
        if (allow != null) {
            settings.allowPlainHttp(allow.equals("yes"), login, Instant.now());
        }
        HubTrust.Pin pin = null;
        for (String option : List.of("pin-hub-cert", "pin-hub-ca")) {
            if (options.get(option) == null) {
                continue;
            }
            try {
                pin = new HubTrust.Pin(option.equals("pin-hub-ca") ? HubTrust.Pin.Kind.CA
                        : HubTrust.Pin.Kind.CERTIFICATE, HubTls.certificates(Path.of(options.get(option))).get(0));
            } catch (HubTls.Unusable e) {
                cli.err().println(cli.format("sync.pin.badFile", options.get(option)));
                return false;
            }
        }
        if (options.get("hub-fingerprint") != null) {
            Optional<String> expected = HubTrust.normalizedFingerprint(options.get("hub-fingerprint"));
            if (expected.isEmpty()) {
                cli.err().println(cli.text("sync.pin.badFingerprint"));
                return false;
            }
            X509Certificate presented;
            try {
                presented = HubTrust.presented(URI.create(options.get("hub").strip()), Duration.ofSeconds(10)).get(0);
            } catch (IOException e) {
                cli.err().println(cli.format("upload.certificate.fetchFailed", HubFailure.describe(e, cli.locale())));
                return false;
            }
            String seen = HubTrust.fingerprint(presented);
            if (!seen.equals(expected.get())) {
                cli.err().println(cli.format("sync.pin.fingerprintMismatch", seen, expected.get()));
                return false;
            }
            pin = new HubTrust.Pin(HubTrust.Pin.Kind.CERTIFICATE, presented);
        }
        if (pin != null) {
            settings.saveHubPin(pin, login, Instant.now());
            cli.err().println(cli.format("sync.pin.saved", pin.kind() == HubTrust.Pin.Kind.CA ? "CA" : "certificate",
                    pin.fingerprint()));
        }
        return true;
    }
}
