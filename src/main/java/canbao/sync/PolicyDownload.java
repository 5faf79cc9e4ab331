package canbao.sync;

import canbao.model.Localization;
import canbao.model.Sha256;
import canbao.policy.CountyKey;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableException;
import canbao.policy.SignedTableFiles;
import canbao.policy.TableSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reference data down: fetches the policy tables the hub serves that this counter lacks (a new year)
 * or holds in another version (a correction), into the data folder's {@code policy/}. A table is
 * kept only when it is whole (the hub's SHA-256), signed by the county key this counter pinned, over
 * its exact bytes, for a year that key covers, and passes the strict loader — checked in memory
 * before anything is written. Anything else is reported with why and leaves the folder as it was.
 * A kept table lands with its signature ({@code 2027.json} and {@code 2027.json.sig}), both moved in
 * whole; it is used from the next start, where the folder is verified again.
 */
public final class PolicyDownload {

    /** A table now in the folder. */
    public record Fetched(int year, String version) {
    }

    /** A table the hub served that was not kept, and why. */
    public record Refused(int year, String reason) {
    }

    public record Result(List<Fetched> fetched, List<Refused> refused) {
    }

    private final SyncClient client;
    private final Optional<CountyKey> pinned;

    /** @param pinned the county key this counter pinned; without one nothing is taken */
    public PolicyDownload(SyncClient client, Optional<CountyKey> pinned) {
        this.client = client;
        this.pinned = pinned;
    }

    /** Fetches into {@code folder} what the counter's tables (built in, plus the folder's verified ones) lack. */
    public Result into(Path folder) throws IOException, InterruptedException {
        PolicyLibrary current = PolicyLibrary.builtIn().withSignedDirectory(folder, pinned).library();
        List<Fetched> fetched = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (SyncClient.ServedTable served : client.policyIndex()) {
            Optional<PolicyTable> held = current.table(served.year());
            if (held.isPresent() && held.get().version().equals(served.version())) {
                continue;
            }
            if (pinned.isEmpty()) {
                refused.add(new Refused(served.year(), served.year() + ".json: "
                        + Localization.text(Localization.CHINESE, "signature.noKey")));
                continue;
            }
            byte[] json = client.policyTable(served.year());
            if (!Sha256.hex(json).equals(served.sha256().toLowerCase(Locale.ROOT))) {
                refused.add(new Refused(served.year(), Localization.format(Localization.CHINESE,
                        "policy.download.checksum", served.year())));
                continue;
            }
            byte[] signature = served.signed() ? client.policySignature(served.year()) : null;
            String name = served.year() + ".json";
            PolicyTable table;
            try {
                table = pinned.get().verified(name, json, signature);
            } catch (PolicyTableException e) {
                refused.add(new Refused(served.year(), e.getMessage()));
                continue;
            }
            if (table.year() != served.year() || !table.version().equals(served.version())) {
                refused.add(new Refused(served.year(), Localization.format(Localization.CHINESE,
                        "policy.download.otherTable", served.year(), served.version(), table.year(),
                        table.version())));
                continue;
            }
            Files.createDirectories(folder);
            // a crash between the two moves leaves a pair that does not verify: the next start leaves it
            // out (and says so) and the next round fetches it again
            SignedTableFiles.writeTable(folder.resolve(name + TableSignature.SUFFIX), signature);
            SignedTableFiles.writeTable(folder.resolve(name), json);
            fetched.add(new Fetched(table.year(), table.version()));
        }
        return new Result(fetched, refused);
    }
}
