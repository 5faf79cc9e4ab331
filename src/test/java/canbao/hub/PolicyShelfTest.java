package canbao.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTableException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the hub's shelf and the counter's library read a folder of tables with one loader, so a
 * folder means the same at both ends: two files for one year are refused by both, naming both files
 * (the hub used to serve whichever came last); a file replacing a built-in year is the one both use.
 */
class PolicyShelfTest {

    @TempDir
    Path folder;

    private static String table2022(String version) throws Exception {
        try (InputStream in = PolicyShelfTest.class.getResourceAsStream("/policy/2022.json")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String changed = text.replaceFirst("\"version\": \"[^\"]*\"", "\"version\": \"" + version + "\"");
            assertTrue(changed.contains("\"version\": \"" + version + "\""), "the version is replaced");
            return changed;
        }
    }

    @Test
    void twoTablesForOneYearAreRefusedByTheHubAsByTheCounter() throws Exception {
        Files.writeString(folder.resolve("2022-a.json"), table2022("2022.a"));
        Files.writeString(folder.resolve("2022-b.json"), table2022("2022.b"));

        PolicyTableException hub = assertThrows(PolicyTableException.class, () -> PolicyShelf.load(folder));
        PolicyTableException counter = assertThrows(PolicyTableException.class,
                () -> PolicyLibrary.builtIn().withDirectory(folder));

        assertEquals(counter.getMessage(), hub.getMessage());
        assertTrue(hub.getMessage().contains("2022-a.json") && hub.getMessage().contains("2022-b.json"),
                hub.getMessage());
        assertEquals("policyYear", hub.field());
    }

    @Test
    void aFolderTableReplacesTheBuiltInYearAtBothEnds() throws Exception {
        Files.writeString(folder.resolve("2022.json"), table2022("2022.folder"));

        PolicyShelf shelf = PolicyShelf.load(folder);

        assertEquals("2022.folder", shelf.entry(2022).orElseThrow().version());
        assertEquals("2022.folder", shelf.library().table(2022).orElseThrow().version());
        assertEquals("2022.folder", PolicyLibrary.builtIn().withDirectory(folder).table(2022).orElseThrow().version());
        assertEquals(PolicyLibrary.builtIn().years(), shelf.library().years());
        assertEquals(Files.readString(folder.resolve("2022.json")),
                new String(shelf.entry(2022).orElseThrow().json(), StandardCharsets.UTF_8), "served as read");
    }
}
