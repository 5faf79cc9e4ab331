package canbao.hub;

import canbao.model.Sha256;
import canbao.policy.PolicyFiles;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.TableSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The policy tables a hub serves to the counters, as the exact files it read: the built-in ones and
 * those of {@code hub --policy-dir DIR} (a file there replaces a built-in year). Every file is
 * checked by the strict loader before it is served, and the same tables check uploaded quotes. A
 * table of the folder is served with its detached signature when {@code YEAR.json.sig} lies beside it.
 */
public final class PolicyShelf {

    /**
     * One table file: its year and version, the SHA-256 of its bytes, the bytes, and the county's
     * detached signature file served beside it ({@code YEAR.json.sig}; null for a built-in table or an
     * unsigned file, which a counter will not take).
     */
    public record Entry(int year, String version, String sha256, byte[] json, byte[] signature) {
        public boolean signed() {
            return signature != null;
        }
    }

    private final SortedMap<Integer, Entry> entries;
    private final PolicyLibrary library;

    private PolicyShelf(SortedMap<Integer, Entry> entries, PolicyLibrary library) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.library = library;
    }

    /**
     * The built-in tables plus those in {@code directory} (may be null), read by the counter's own loader
     * ({@link PolicyFiles}): a file there replaces a built-in year, and two files there for one year stop
     * the hub at start, naming both, as they stop a counter's {@code --policy-dir}.
     */
    public static PolicyShelf load(Path directory) {
        SortedMap<Integer, Entry> entries = new TreeMap<>();
        SortedMap<Integer, PolicyTable> tables = new TreeMap<>();
        List<PolicyFiles.TableFile> files = new ArrayList<>(PolicyFiles.builtIn());
        files.addAll(PolicyFiles.folder(directory));
        for (PolicyFiles.TableFile file : files) {
            if (file.signature() != null) {
                // its form is checked, so a wrong file stops the hub at start like a wrong table; whether it
                // verifies is each counter's to check against the key it pinned — the hub holds no key
                TableSignature.parse(file.origin() + TableSignature.SUFFIX, file.signature());
            }
            PolicyTable table = file.table();
            entries.put(table.year(), new Entry(table.year(), table.version(), Sha256.hex(file.json()), file.json(),
                    file.signature()));
            tables.put(table.year(), table);
        }
        return new PolicyShelf(entries, PolicyLibrary.of(new ArrayList<>(tables.values())));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    public Optional<Entry> entry(int year) {
        return Optional.ofNullable(entries.get(year));
    }

    /** The same tables, for recomputing uploaded quotes. */
    public PolicyLibrary library() {
        return library;
    }
}
