package canbao.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Sex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader port without hardware: the checks on a card, the one codec, the simulated reader, the setting. */
class CardReaderTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    static IdCard card(String number, LocalDate birth, Sex sex, LocalDate validTo) {
        return new IdCard("冉秀英", sex, "土家", birth, "重庆市彭水县保家镇", number, "彭水县公安局",
                LocalDate.of(2010, 1, 1), validTo);
    }

    @Test
    void aCardWhoseNumberAgreesWithItselfAndIsValidIsAcceptable() {
        IdCard card = card("50023019500101224X", LocalDate.of(1950, 1, 1), Sex.FEMALE, null);
        assertTrue(CardCheck.check(card, TODAY).acceptable());
    }

    @Test
    void aBirthDateOrSexDisagreeingWithTheNumberIsRefused() {
        IdCard card = card("50023019500101224X", LocalDate.of(1950, 1, 2), Sex.MALE, null);
        CardCheck.Result check = CardCheck.check(card, TODAY);
        assertEquals(List.of("card.birthDateMismatch", "card.sexMismatch"),
                check.problems().stream().map(canbao.model.Problem::key).toList());
    }

    @Test
    void aBadCheckCharacterIsRefusedWithTheNumbersOwnMessage() {
        IdCard card = card("500230195001012241", LocalDate.of(1950, 1, 1), Sex.FEMALE, null);
        assertEquals("id.checkCharacter", CardCheck.check(card, TODAY).problems().get(0).key());
    }

    @Test
    void anExpiredCardIsNotRefusedOutrightButSaysWhenItExpired() {
        IdCard card = card("50023019500101224X", LocalDate.of(1950, 1, 1), Sex.FEMALE, LocalDate.of(2026, 2, 28));
        CardCheck.Result check = CardCheck.check(card, TODAY);
        assertTrue(check.problems().isEmpty());
        assertFalse(check.acceptable());
        assertEquals(LocalDate.of(2026, 2, 28), check.expiredOn().orElseThrow());
        // valid through its last day
        assertTrue(CardCheck.check(card, LocalDate.of(2026, 2, 28)).acceptable());
    }

    @Test
    void everyAnswerGoesThroughTheCodecAndBack() {
        IdCard card = card("50023019500101224X", LocalDate.of(1950, 1, 1), Sex.FEMALE, null);
        for (CardRead read : List.of(new CardRead.Card(card), CardRead.NO_CARD, CardRead.NO_READER,
                new CardRead.Failed("reader.failed", "CVR_Read_Content 0"))) {
            assertEquals(read, CardJson.read(CardJson.write(read)));
        }
        assertTrue(CardJson.write(new CardRead.Card(card)).contains("\"validTo\":\"长期\""));
    }

    @Test
    void theCodecRefusesACardWithoutItsRequiredFieldsAndOverlongLines() {
        assertThrows(IllegalArgumentException.class, () -> CardJson.read("{\"name\":\"张三\",\"sex\":\"男\"}"));
        assertThrows(IllegalArgumentException.class, () -> CardJson.read("[1]"));
        assertThrows(IllegalArgumentException.class, () -> CardJson.read("{\"result\":\"maybe\"}"));
        assertThrows(IllegalArgumentException.class, () -> CardJson.read("{\"x\":\"" + "a".repeat(9000) + "\"}"));
        // unknown fields are ignored
        assertEquals(CardRead.NO_CARD, CardJson.read("{\"result\":\"noCard\",\"port\":1001}"));
    }

    @Test
    void theSimulatedReaderGivesTheFilesLastCard(@TempDir Path folder) throws IOException {
        Path file = folder.resolve("cards.jsonl");
        SimulatedCardReader reader = new SimulatedCardReader(file);
        assertInstanceOf(CardRead.NoReader.class, reader.read());
        Files.writeString(file, "# training cards\n");
        assertInstanceOf(CardRead.NoCard.class, reader.read());
        Files.writeString(file, """
                {"name":"张三","sex":"男","birthDate":"1980-03-15","idNumber":"500230198003151079","validTo":"2030-01-01"}
                {"name":"冉秀英","sex":"女","ethnicity":"土家","birthDate":"1950-01-01","idNumber":"50023019500101224X"}
                """);
        IdCard read = assertInstanceOf(CardRead.Card.class, reader.read()).card();
        assertEquals("冉秀英", read.name());
        assertEquals("50023019500101224X", read.idNumber());
        Files.writeString(file, "{\"result\":\"noCard\"}\n", java.nio.file.StandardOpenOption.APPEND);
        assertInstanceOf(CardRead.NoCard.class, reader.read());
        Files.writeString(file, "{\"name\":\"张三\"}\n", java.nio.file.StandardOpenOption.APPEND);
        CardRead.Failed failed = assertInstanceOf(CardRead.Failed.class, reader.read());
        assertEquals("reader.simulatedFile", failed.messageKey());
    }

    @Test
    void theSettingIsOneOfFiveChoices() {
        assertEquals(ReaderChoice.AUTO, ReaderChoice.parse("auto"));
        assertEquals(ReaderChoice.Kind.TERMB, ReaderChoice.parse("termb").kind());
        assertEquals(ReaderChoice.Kind.SDTAPI, ReaderChoice.parse("SDTAPI").kind());
        assertEquals(ReaderChoice.NONE, ReaderChoice.parse("none"));
        ReaderChoice simulated = ReaderChoice.parse("simulated:/tmp/cards.jsonl");
        assertEquals(Path.of("/tmp/cards.jsonl"), simulated.file());
        assertEquals(simulated, ReaderChoice.parse(simulated.toString()));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("usb"));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("simulated:"));
    }

    @Test
    void aVendorChoiceMayNameItsPortAndLibrary() {
        ReaderChoice termb = ReaderChoice.parse("termb;port=1001;library=/opt/cvr/libtermb.so");
        assertEquals(ReaderChoice.Kind.TERMB, termb.kind());
        assertEquals(1001, termb.port());
        assertEquals(Path.of("/opt/cvr/libtermb.so"), termb.library());
        assertEquals(termb, ReaderChoice.parse(termb.toString()));
        assertEquals(3, ReaderChoice.parse("auto;port=3").port());
        assertEquals("sdtapi;port=16", ReaderChoice.parse(" sdtapi ; port=16 ").toString());
        // ports the vendors know only; a library for one family only; nothing for none or a card file
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("termb;port=1017"));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("termb;port=0"));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("termb;port=usb"));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("auto;library=/opt/libtermb.so"));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("none;port=1001"));
        assertThrows(IllegalArgumentException.class, () -> ReaderChoice.parse("termb;speed=9600"));
        assertEquals(Path.of("/tmp/a;port=1"), ReaderChoice.parse("simulated:/tmp/a;port=1").file());
    }

    @Test
    void aLibraryNamedButMissingIsSaidNotTakenForNoReader(@TempDir Path folder) {
        Path absent = folder.resolve("libtermb.so");
        try (CardReader reader = CardReaders.open(ReaderChoice.parse("termb;library=" + absent), List.of(folder))) {
            assertEquals(new CardRead.Failed("reader.libraryMissing", absent.toString()), reader.read());
        }
    }

    @Test
    void withoutAVendorLibraryInstalledNoHelperIsStarted(@TempDir Path folder) {
        try (CardReader reader = CardReaders.open(ReaderChoice.parse("termb"), List.of(folder))) {
            assertInstanceOf(CardRead.NoReader.class, reader.read());
        }
        assertFalse(CardReaders.installed("sdtapi", List.of(folder)));
    }

    @Test
    void vendorTextIsDecodedAsTheVendorGivesIt() {
        byte[] gbk = "龚䶮  ".getBytes(VendorText.GBK);
        byte[] padded = java.util.Arrays.copyOf(gbk, 30);
        assertEquals("龚䶮", VendorText.decode(padded, 0, padded.length, VendorText.GBK));
        byte[] ucs2 = java.util.Arrays.copyOf("𠮷祥".getBytes(VendorText.UCS2), 30);
        assertEquals("𠮷祥", VendorText.decode(ucs2, 0, 30, VendorText.UCS2));
        assertEquals(LocalDate.of(1990, 1, 1), VendorText.date("1990.01.01"));
        assertEquals(null, VendorText.date("长期"));
        assertEquals("土家", VendorText.ethnicity("15"));
        assertEquals("土家", VendorText.ethnicity("土家族"));
        assertEquals(Sex.FEMALE, VendorText.sex("2"));
    }
}
