package canbao.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Unreported;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The counter's log file through the real logback: our lines at info, ID numbers never in clear. */
class CounterLogTest {

    private static final String ID = "500230198003151079";
    private static final Logger LOG = LoggerFactory.getLogger("canbao.store.Somewhere");

    @TempDir
    Path data;

    @AfterEach
    void stop() {
        CounterLog.stop();
    }

    @Test
    void linesGoToTheDataFoldersLogWithEveryIdNumberMasked() throws Exception {
        Path file = CounterLog.start(data.resolve("logs"));
        assertEquals(data.resolve("logs/canbao.log").toAbsolutePath(), file);

        LOG.info("household 0012 saved with 4 members");
        // a library's message quoting its input, and its exception's message: masked all the same
        LOG.warn("could not parse '{}' as a date", ID, new IllegalArgumentException("bad value " + ID));
        LOG.error("work failed", Unreported.of(new IllegalStateException("about " + ID)));
        CounterLog.stop();

        String logged = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(logged.contains("INFO  canbao.store.Somewhere - household 0012 saved with 4 members"), logged);
        assertTrue(logged.contains("could not parse '500230********1079' as a date"), logged);
        assertTrue(logged.contains("java.lang.IllegalArgumentException: bad value 500230********1079"), logged);
        assertTrue(logged.contains("java.lang.IllegalStateException (message not logged"), logged);
        assertFalse(logged.contains(ID), logged);
        assertFalse(logged.contains("19800315"), "not even the birth date part");
    }

    @Test
    void digitsThatAreNoIdNumberAreLeftAlone() {
        assertEquals("batch 1234567890123456789 of 12345678901234567 items",
                MaskingLayout.mask("batch 1234567890123456789 of 12345678901234567 items"));
        assertEquals("110105********002X", MaskingLayout.mask("11010519491231002X"));
    }

    @Test
    void aSecondFolderReplacesTheFirst() throws Exception {
        Path first = CounterLog.start(data.resolve("a"));
        Path second = CounterLog.start(data.resolve("b"));
        LOG.info("only in the second");
        CounterLog.stop();
        assertFalse(Files.exists(first) && Files.readString(first).contains("only in the second"));
        assertTrue(Files.readString(second).contains("only in the second"));
    }
}
