package canbao.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading policy table files, the one loader of the counter's {@link PolicyLibrary} and the hub's
 * shelf: the built-in tables {@code policy/index.json} lists, and every {@code *.json} of a folder
 * (a counter's {@code --policy-dir}, a hub's {@code --policy-dir}), each file checked by the strict
 * loader and kept with its exact bytes and the detached signature beside it. Two files of one folder
 * for the same year are refused, naming both, wherever the folder is read.
 */
public final class PolicyFiles {

    /** The largest table file read (a real one is about 10 KB). */
    public static final int MAX_TABLE_BYTES = 1 << 20;

    /**
     * One table file: where it came from, its exact bytes, the table the strict loader made of them, and
     * the bytes of its signature file ({@code YEAR.json.sig}) — null for a built-in table or when none
     * lies beside it.
     */
    public record TableFile(String origin, byte[] json, PolicyTable table, byte[] signature) {
        public int year() {
            return table.year();
        }
    }

    private PolicyFiles() {
    }

    /** The tables shipped with the program. */
    public static List<TableFile> builtIn() {
        return fromIndex(PolicyLibrary.BUILT_IN_INDEX, PolicyFiles.class.getClassLoader());
    }

    /** The tables an index resource lists: {@code {"tables":["policy/2021.json", ...]}}. */
    public static List<TableFile> fromIndex(String indexResource, ClassLoader loader) {
        List<TableFile> files = new ArrayList<>();
        try (InputStream in = loader.getResourceAsStream(indexResource)) {
            if (in == null) {
                throw new PolicyTableException(indexResource, "", "table.notFound");
            }
            JsonNode index = new ObjectMapper().readTree(in);
            TableNode list = new TableNode(indexResource, "", index).allowOnly("tables").required("tables");
            for (TableNode entry : list.elements()) {
                String resource = entry.text();
                try (InputStream table = loader.getResourceAsStream(resource)) {
                    if (table == null) {
                        throw new PolicyTableException(resource, "", "table.notFound");
                    }
                    files.add(file(resource, table.readAllBytes(), null));
                }
            }
        } catch (IOException e) {
            throw PolicyTableException.unreadable(indexResource, e);
        }
        return files;
    }

    /**
     * Every {@code *.json} of {@code directory} in name order (none when it is not a folder), each checked
     * strictly; a second file for a year already read from the folder is refused with both names.
     */
    public static List<TableFile> folder(Path directory) {
        List<TableFile> files = new ArrayList<>();
        Map<Integer, String> seen = new HashMap<>();
        for (Path path : tableFiles(directory)) {
            String origin = path.toString();
            TableFile file;
            try {
                file = file(origin, readAtMost(path, MAX_TABLE_BYTES), signatureBeside(path));
            } catch (IOException e) {
                throw PolicyTableException.unreadable(origin, e);
            }
            String twin = seen.putIfAbsent(file.year(), origin);
            if (twin != null) {
                throw duplicateYear(origin, file.year(), twin);
            }
            files.add(file);
        }
        return files;
    }

    /** The {@code *.json} files of a folder in name order; none when it is not a folder. */
    static List<Path> tableFiles(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> sorted = new ArrayList<>();
        try (DirectoryStream<Path> listed = Files.newDirectoryStream(directory, "*.json")) {
            listed.forEach(sorted::add);
        } catch (IOException e) {
            throw PolicyTableException.unreadable(directory.toString(), e);
        }
        Collections.sort(sorted);
        return sorted;
    }

    /** Two tables for one year in one place: the second is refused, naming the first. */
    static PolicyTableException duplicateYear(String origin, int year, String first) {
        return new PolicyTableException(origin, "policyYear", "table.duplicateYear", year, first);
    }

    private static TableFile file(String origin, byte[] json, byte[] signature) {
        return new TableFile(origin, json, PolicyTableLoader.read(origin, new ByteArrayInputStream(json)), signature);
    }

    /** The signature file beside a table ({@code 2027.json.sig}), read but not checked, or null when there is none. */
    static byte[] signatureBeside(Path table) throws IOException {
        Path file = SignedTableFiles.signatureOf(table);
        return Files.isRegularFile(file) ? readAtMost(file, TableSignature.MAX_FILE_BYTES + 1) : null;
    }

    /**
     * The file's bytes; a file longer than {@code limit} is refused (a policy table problem naming it),
     * read no further. Tables, signatures and key documents alike.
     */
    public static byte[] readAtMost(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new PolicyTableException(file.toString(), "", "countyKey.fileTooLarge", limit);
            }
            return bytes;
        }
    }
}
