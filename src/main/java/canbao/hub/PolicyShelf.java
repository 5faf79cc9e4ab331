package canbao.hub;

import canbao.model.Sha256;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableException;
import canbao.policy.PolicyTableLoader;
import canbao.policy.TableSignature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
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

    /** The built-in tables plus those in {@code directory} (may be null). */
    public static PolicyShelf load(Path directory) {
        SortedMap<Integer, Entry> entries = new TreeMap<>();
        SortedMap<Integer, PolicyTable> tables = new TreeMap<>();
        ClassLoader loader = PolicyShelf.class.getClassLoader();
        for (String resource : builtInResources(loader)) {
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new PolicyTableException(resource, "", "table.notFound");
                }
                add(resource, in.readAllBytes(), null, entries, tables);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (directory != null && Files.isDirectory(directory)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> listed = Files.newDirectoryStream(directory, "*.json")) {
                listed.forEach(files::add);
                Collections.sort(files);
                for (Path file : files) {
                    add(file.toString(), Files.readAllBytes(file), signatureBeside(file), entries, tables);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(directory + ": " + e.getMessage(), e);
            }
        }
        return new PolicyShelf(entries, PolicyLibrary.of(new ArrayList<>(tables.values())));
    }

    private static List<String> builtInResources(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(PolicyLibrary.BUILT_IN_INDEX)) {
            JsonNode index = new ObjectMapper().readTree(in);
            List<String> resources = new ArrayList<>();
            index.path("tables").forEach(node -> resources.add(node.asText()));
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The signature file beside a table, read as the county wrote it (its form is checked, so a wrong
     * file stops the hub at start like a wrong table; whether it verifies is each counter's to check
     * against the key it pinned — the hub holds no key).
     */
    private static byte[] signatureBeside(Path table) throws IOException {
        Path file = table.resolveSibling(table.getFileName() + TableSignature.SUFFIX);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(TableSignature.MAX_FILE_BYTES + 1);
        }
        TableSignature.parse(file.toString(), bytes);
        return bytes;
    }

    private static void add(String origin, byte[] json, byte[] signature, SortedMap<Integer, Entry> entries,
                            SortedMap<Integer, PolicyTable> tables) {
        PolicyTable table = PolicyTableLoader.read(origin, new ByteArrayInputStream(json));
        entries.put(table.year(), new Entry(table.year(), table.version(), Sha256.hex(json), json, signature));
        tables.put(table.year(), table);
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
