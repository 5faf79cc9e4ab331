package canbao.sync;

import canbao.model.Localization;
import canbao.model.Sha256;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableException;
import canbao.policy.PolicyTableLoader;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reference data down: fetches the policy tables the hub serves that this counter lacks (a new year)
 * or holds in another version (a correction), into the data folder's {@code policy/}. A file is
 * kept only whole, matching the hub's SHA-256 and passing the same strict loader as a built-in
 * table; anything else is reported and left out, and the tables already there stay as they were.
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

    public PolicyDownload(SyncClient client) {
        this.client = client;
    }

    /** Fetches into {@code folder} what the counter's tables (built in, plus the folder's) lack. */
    public Result into(Path folder) throws IOException, InterruptedException {
        PolicyLibrary current = PolicyLibrary.builtIn().withDirectory(folder);
        List<Fetched> fetched = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        for (SyncClient.ServedTable served : client.policyIndex()) {
            Optional<PolicyTable> held = current.table(served.year());
            if (held.isPresent() && held.get().version().equals(served.version())) {
                continue;
            }
            byte[] json = client.policyTable(served.year());
            if (!Sha256.hex(json).equals(served.sha256().toLowerCase(Locale.ROOT))) {
                refused.add(new Refused(served.year(), Localization.format(Localization.CHINESE,
                        "policy.download.checksum", served.year())));
                continue;
            }
            Files.createDirectories(folder);
            Path part = folder.resolve("." + served.year() + ".json.part");
            Files.write(part, json);
            try {
                PolicyTable table = PolicyTableLoader.fromFile(part);
                if (table.year() != served.year() || !table.version().equals(served.version())) {
                    refused.add(new Refused(served.year(), Localization.format(Localization.CHINESE,
                            "policy.download.otherTable", served.year(), served.version(), table.year(),
                            table.version())));
                    continue;
                }
                moveInto(part, folder.resolve(served.year() + ".json"));
                fetched.add(new Fetched(table.year(), table.version()));
            } catch (PolicyTableException e) {
                refused.add(new Refused(served.year(), e.getMessage()));
            } finally {
                Files.deleteIfExists(part);
            }
        }
        return new Result(fetched, refused);
    }

    private static void moveInto(Path part, Path target) throws IOException {
        try {
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
