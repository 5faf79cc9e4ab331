package canbao.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionAtRestTest {

    private static final String ID_NUMBER = "500230198003151079";
    private static final String NAME = "张三丰";

    @TempDir
    Path folder;

    @Test
    void theDatabaseFilesHoldNoNameOrIdNumberInAnyEncoding() throws Exception {
        try (StoreFixture store = new StoreFixture(folder)) {
            store.households.save(StoreFixture.household("0001",
                    StoreFixture.paying(NAME, ID_NUMBER, "户主", 1, "2022-01-10")), "wangfang");
            // read back through the key: the data is there
            assertEquals(1L, store.count("person"));
            // the WAL file is looked at while the program is still running, before any checkpoint
            assertNoneContain(databaseFiles(), ID_NUMBER, NAME);
        }
        assertNoneContain(databaseFiles(), ID_NUMBER, NAME);
    }

    /** The search itself is shown to work: the same row in a database without a key is found. */
    @Test
    void theSameSearchFindsTheIdNumberInADatabaseWithoutEncryption() throws Exception {
        Path plain = folder.resolve("plain.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + plain);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE person (name TEXT, id_number TEXT)");
            statement.execute("INSERT INTO person VALUES ('" + NAME + "', '" + ID_NUMBER + "')");
        }
        assertTrue(contains(Files.readAllBytes(plain), ID_NUMBER.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(contains(Files.readAllBytes(plain), NAME.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void withoutTheKeyOrWithAnotherKeyTheDatabaseDoesNotOpen() {
        new StoreFixture(folder).close();
        Path file = folder.resolve(Database.FILE_NAME);
        SQLException plainOpen = assertThrows(SQLException.class, () -> {
            try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM person").next();
            }
        });
        assertTrue(plainOpen.getMessage().contains("not a database"), plainOpen.getMessage());
        RuntimeException anotherKey = assertThrows(RuntimeException.class,
                () -> Database.open(folder, DataKey.random()).close());
        StringBuilder causes = new StringBuilder();
        for (Throwable cause = anotherKey; cause != null; cause = cause.getCause()) {
            causes.append(cause.getMessage()).append(" / ");
        }
        assertTrue(causes.toString().contains("not a database"), causes.toString());
    }

    private List<Path> databaseFiles() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith(Database.FILE_NAME))
                    .toList());
            assertFalse(found.isEmpty());
            return found;
        }
    }

    private static void assertNoneContain(List<Path> files, String idNumber, String name) throws Exception {
        List<byte[]> needles = List.of(idNumber.getBytes(StandardCharsets.US_ASCII),
                idNumber.substring(6, 14).getBytes(StandardCharsets.US_ASCII), // the birth date alone
                name.getBytes(StandardCharsets.UTF_8), name.getBytes(StandardCharsets.UTF_16LE),
                name.getBytes("GB18030"), "兴义村".getBytes(StandardCharsets.UTF_8));
        for (Path file : files) {
            byte[] bytes = Files.readAllBytes(file);
            for (byte[] needle : needles) {
                assertFalse(contains(bytes, needle), file.getFileName() + " holds a personal detail in clear");
            }
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
