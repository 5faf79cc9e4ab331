package canbao.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Sex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real adapters (JNA, in the helper process) against a fake vendor library built here with gcc from
 * {@code src/test/c/fakereader.c}, which exports both families' functions and answers the scenario
 * written in a file: a rare character in the name, an X check character, an expired card, no card, no
 * reader, and vendor code that crashes. Needs gcc: skipped on a developer's machine without it, failed
 * under CI (where {@code .ci/run} installs it).
 */
class VendorReaderTest {

    private static Path LIBRARIES;
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    @BeforeAll
    static void buildFakeLibrary() throws IOException, InterruptedException {
        LIBRARIES = FakeReaderLibrary.build();
    }

    private static HelperCardReader reader(String family, Path scenario) {
        return new HelperCardReader(family, List.of(LIBRARIES.toAbsolutePath()),
                Map.of("CANBAO_FAKE_READER", scenario.toString()), Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static IdCard card(CardRead read) {
        return assertInstanceOf(CardRead.Card.class, read, () -> "a card, not " + read).card();
    }

    @ParameterizedTest
    @ValueSource(strings = {"termb", "sdtapi", "auto"})
    void readsEachCardExactlyAsTheVendorGivesIt(String family, @org.junit.jupiter.api.io.TempDir Path folder)
            throws IOException {
        Path scenario = folder.resolve("scenario");
        try (HelperCardReader reader = reader(family, scenario)) {
            Files.writeString(scenario, "noreader");
            assertInstanceOf(CardRead.NoReader.class, reader.read());

            Files.writeString(scenario, "nocard");
            assertInstanceOf(CardRead.NoCard.class, reader.read());

            Files.writeString(scenario, "rare");
            IdCard rare = card(reader.read());
            // termb gives GBK (龚䶮: 䶮 is outside GB2312), sdtapi UCS-2 (𠮷: outside the basic plane)
            assertEquals(family.equals("sdtapi") ? "𠮷祥" : "龚䶮", rare.name());
            assertEquals(Sex.MALE, rare.sex());
            assertEquals("汉", rare.ethnicity());
            assertEquals(LocalDate.of(1990, 1, 1), rare.birthDate());
            assertEquals("重庆市彭水县保家镇", rare.address());
            assertEquals("500230199001011237", rare.idNumber());
            assertEquals("彭水县公安局", rare.issuedBy());
            assertEquals(LocalDate.of(2015, 1, 1), rare.validFrom());
            assertEquals(LocalDate.of(2035, 1, 1), rare.validTo());
            assertTrue(CardCheck.check(rare, TODAY).acceptable());

            Files.writeString(scenario, "x");
            IdCard withX = card(reader.read());
            assertEquals("冉秀英", withX.name());
            assertEquals("50023019500101224X", withX.idNumber());
            assertEquals(Sex.FEMALE, withX.sex());
            assertEquals("土家", withX.ethnicity());
            assertNull(withX.validTo(), "长期: valid for life");
            assertTrue(CardCheck.check(withX, TODAY).acceptable());

            Files.writeString(scenario, "expired");
            IdCard expired = card(reader.read());
            assertEquals(LocalDate.of(2018, 1, 1), expired.validTo());
            CardCheck.Result check = CardCheck.check(expired, TODAY);
            assertTrue(check.problems().isEmpty());
            assertEquals(LocalDate.of(2018, 1, 1), check.expiredOn().orElseThrow());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"termb", "sdtapi"})
    void aVendorCrashKillsOnlyTheHelperWhichIsStartedAgain(String family, @org.junit.jupiter.api.io.TempDir Path folder)
            throws IOException {
        Path scenario = folder.resolve("scenario");
        try (HelperCardReader reader = reader(family, scenario)) {
            Files.writeString(scenario, "crash");
            CardRead crashed = reader.read();
            CardRead.Failed failed = assertInstanceOf(CardRead.Failed.class, crashed);
            assertEquals("reader.restarted", failed.messageKey());
            assertTrue(reader.helperAlive(), "a new helper is running");

            Files.writeString(scenario, "rare");
            assertEquals("500230199001011237", card(reader.read()).idNumber());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"termb", "sdtapi", "auto"})
    void aNamedPortIsTheOnlyOneOpenedAndOneThatDoesNotOpenIsSaid(String family, @org.junit.jupiter.api.io.TempDir Path folder)
            throws IOException {
        Path scenario = folder.resolve("scenario");
        Files.writeString(scenario, "x");
        // the fake reader sits on USB 1003 (termb) or serial 2 (sdtapi)
        int port = family.equals("sdtapi") ? 2 : 1003;
        ReaderChoice there = ReaderChoice.parse(family + ";port=" + port);
        try (HelperCardReader reader = new HelperCardReader(there, List.of(LIBRARIES), fake(scenario),
                Duration.ofSeconds(30), Clock.systemUTC())) {
            assertEquals("50023019500101224X", card(reader.read()).idNumber());
        }
        ReaderChoice elsewhere = ReaderChoice.parse(family + ";port=1005");
        try (HelperCardReader reader = new HelperCardReader(elsewhere, List.of(LIBRARIES), fake(scenario),
                Duration.ofSeconds(30), Clock.systemUTC())) {
            assertEquals(new CardRead.Failed("reader.portNotOpened", "1005"), reader.read());
        }
    }

    @org.junit.jupiter.api.Test
    void theAdministratorsTrialSaysWhyThereIsNoCard(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
        Path scenario = folder.resolve("scenario");
        Files.writeString(scenario, "rare");
        Path library = LIBRARIES.resolve("libtermb.so");
        ReaderChoice named = ReaderChoice.parse("termb;port=1003;library=" + library);
        Duration timeout = Duration.ofSeconds(30);
        // the library named by its path, not found on any library path
        assertEquals("龚䶮", card(CardReaders.trial(named, List.of(), fake(scenario), timeout)).name());

        Files.writeString(scenario, "nocard");
        assertEquals(CardRead.NO_CARD, CardReaders.trial(named, List.of(), fake(scenario), timeout));

        Path absent = folder.resolve("libtermb.so");
        assertEquals(new CardRead.Failed("reader.libraryMissing", absent.toString()),
                CardReaders.trial(ReaderChoice.parse("termb;library=" + absent), List.of(), fake(scenario), timeout));
        CardRead.Failed notInstalled = assertInstanceOf(CardRead.Failed.class,
                CardReaders.trial(ReaderChoice.parse("sdtapi"), List.of(folder), fake(scenario), timeout));
        assertEquals("reader.libraryMissing", notInstalled.messageKey());
        assertTrue(notInstalled.detail().contains("libsdtapi.so"), notInstalled.detail());

        // a file that is no library (or one built for the other word size): JNA's reason is said
        Path garbage = folder.resolve("garbage").resolve("libtermb.so");
        Files.createDirectories(garbage.getParent());
        Files.writeString(garbage, "not a library");
        CardRead.Failed notLoaded = assertInstanceOf(CardRead.Failed.class, CardReaders.trial(
                ReaderChoice.parse("termb;library=" + garbage), List.of(), fake(scenario), timeout));
        assertEquals("reader.libraryNotLoaded", notLoaded.messageKey());
        assertTrue(notLoaded.detail().length() <= 201, notLoaded.detail());

        Files.writeString(scenario, "crash");
        assertEquals("reader.test.crashed", assertInstanceOf(CardRead.Failed.class,
                CardReaders.trial(named, List.of(), fake(scenario), timeout)).messageKey());

        Files.writeString(scenario, "hang");
        long started = System.nanoTime();
        assertEquals(new CardRead.Failed("reader.test.noAnswer", "3"),
                CardReaders.trial(named, List.of(), fake(scenario), Duration.ofSeconds(3)));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 20, "the wedged helper is not waited for");
    }

    @org.junit.jupiter.api.Test
    void theLibraryIsCalledWithTheConventionOfThisPlatformAndStdcallWouldBeRefusedHere() {
        org.junit.jupiter.api.Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"));
        String library = LIBRARIES.resolve("libtermb.so").toString();
        // the options this JVM chooses: none off 32-bit Windows, and the library answers (no reader: port 1 is closed)
        TermbReader.Termb chosen = com.sun.jna.Native.load(library, TermbReader.Termb.class,
                VendorLibraries.options(System.getProperty("os.name"), System.getProperty("os.arch")));
        assertEquals(0, chosen.CVR_InitComm(1));
        // what 32-bit Windows needs is refused by JNA anywhere else: the choice must depend on the platform
        TermbReader.Termb stdcall = com.sun.jna.Native.load(library, TermbReader.Termb.class,
                VendorLibraries.options("Windows 10", "x86"));
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> stdcall.CVR_InitComm(1));
        assertTrue(refused.getMessage().contains("calling convention"), refused.getMessage());
    }

    private static Map<String, String> fake(Path scenario) {
        return Map.of("CANBAO_FAKE_READER", scenario.toString());
    }
}
