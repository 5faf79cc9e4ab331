package canbao.cli;

import canbao.policy.CountyKey;
import canbao.policy.PolicyTableException;
import canbao.account.Session;
import canbao.store.WorkplaceSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * {@code setup} (the first run without a window) and {@code county-key} (pinning the county's key
 * afterwards): the administrator's commands on a data folder's settings.
 */
final class SetupCommand {

    private SetupCommand() {
    }

    /**
     * {@code setup --data DIR --township T --county C --user LOGIN --name NAME}: the workplace and its
     * administrator, whose password (CANBAO_PASSWORD, or asked twice on the terminal) makes the folder's key.
     */
    static int setUp(CommandLine cli, String[] args) {
        Options options = Options.parse(args, 1, Set.of("data", "township", "county", "user", "name",
                "county-key", "county-key-fingerprint"));
        Path folder = cli.dataFolder(options);
        // the key is checked before anything is made: a wrong file or fingerprint leaves no half-set folder
        Optional<CountyKey> countyKey = Optional.empty();
        if (options.get("county-key") != null) {
            countyKey = confirmedCountyKey(cli, options);
            if (countyKey.isEmpty()) {
                return CommandLine.EXIT_USAGE;
            }
        }
        Optional<Session> session = cli.credentials().setUp(folder, options.get("township"), options.get("county"),
                options.get("user"), options.get("name"), cli.clock());
        if (session.isPresent() && countyKey.isPresent()) {
            new WorkplaceSettings(session.get().database()).pinCountyKey(countyKey.get(),
                    session.get().operator().login(), Clock.systemUTC().instant());
            cli.err().println(cli.format("countyKey.pinned", countyKey.get().issuer(), countyKey.get().fingerprint()));
        }
        session.ifPresent(Session::close);
        return session.isPresent() ? 0 : CommandLine.EXIT_USAGE;
    }

    /**
     * {@code county-key --data DIR --user ADMIN --county-key FILE --county-key-fingerprint FP}: pins (or
     * replaces) the county key of a data folder; an administrator's action, in the audit log.
     */
    static int pinCountyKey(CommandLine cli, String[] args) throws Exception {
        Options options = Options.parse(args, 1, Set.of("data", "user", "county-key", "county-key-fingerprint"));
        if (options.get("county-key") == null) {
            throw Options.usage("county-key --data DIR --user LOGIN --county-key FILE "
                    + "--county-key-fingerprint FINGERPRINT");
        }
        Optional<CountyKey> countyKey = confirmedCountyKey(cli, options);
        if (countyKey.isEmpty()) {
            return CommandLine.EXIT_USAGE;
        }
        return cli.signedIn(cli.signIn(options), session -> {
            try {
                new WorkplaceSettings(session.database()).pinCountyKey(countyKey.get(), session.operator().login(),
                        Clock.systemUTC().instant());
            } catch (IllegalArgumentException notAnAdministrator) {
                cli.err().println(cli.text("countyKey.adminOnly"));
                return Credentials.EXIT_REFUSED;
            }
            cli.err().println(cli.format("countyKey.pinned", countyKey.get().issuer(), countyKey.get().fingerprint()));
            return 0;
        });
    }

    /**
     * The county key file of {@code --county-key}, when the fingerprint the administrator confirmed with
     * the county ({@code --county-key-fingerprint}, as read by phone) is its own; else says why (and, when
     * none was given, what to confirm) and gives nothing.
     */
    private static Optional<CountyKey> confirmedCountyKey(CommandLine cli, Options options) {
        CountyKey key;
        try {
            key = CountyKeyFiles.readKeyDocument(Path.of(options.get("county-key")));
        } catch (PolicyTableException e) {
            cli.err().println(e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            cli.err().println(cli.format("countyKey.missingFile", options.get("county-key")));
            return Optional.empty();
        }
        String typed = options.get("county-key-fingerprint");
        if (typed == null) {
            cli.err().println(cli.format("countyKey.confirm", key.issuer(), key.fromYear(), key.toYear(),
                    key.fingerprint()));
            return Optional.empty();
        }
        if (!key.matches(typed)) {
            cli.err().println(cli.format("countyKey.fingerprintMismatch", key.fingerprint()));
            return Optional.empty();
        }
        return Optional.of(key);
    }
}
