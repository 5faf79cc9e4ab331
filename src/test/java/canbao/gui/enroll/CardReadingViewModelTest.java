package canbao.gui.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.device.SimulatedCardReader;
import canbao.gui.common.CurrentThreadTaskExecutor;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import canbao.store.CardNotes;
import canbao.store.Database;
import canbao.service.HouseholdService;
import canbao.store.PersonSearch;
import canbao.store.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 家庭参保登记's card logic without a window: refused cards, an expired card and its reason, kept when saved. */
class CardReadingViewModelTest {

    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2022, 1, 10).atTime(9, 0)
            .atZone(ZoneId.of("Asia/Shanghai")).toInstant(), ZoneId.of("Asia/Shanghai"));
    private static final String EXPIRED = "{\"name\":\"任国强\",\"sex\":\"男\",\"ethnicity\":\"汉\",\"birthDate\":\"1988-03-12\","
            + "\"idNumber\":\"50023019880312129X\",\"validFrom\":\"2008-01-01\",\"validTo\":\"2018-01-01\"}";

    @TempDir
    Path folder;

    private Database database;
    private PersonSearch search;
    private HouseholdEnrollmentViewModel viewModel;
    private Path cards;
    private String reason;

    @BeforeEach
    void open() {
        database = Database.open(folder, TestKeys.KEY);
        search = new PersonSearch(database);
        PolicyLibrary library = PolicyLibrary.builtIn();
        QuoteEngine engine = new QuoteEngine(Localization.CHINESE);
        viewModel = new HouseholdEnrollmentViewModel(new HouseholdService(database, library, engine, CLOCK), search,
                library, engine, new CurrentThreadTaskExecutor(), CLOCK, "王芳", Localization.CHINESE,
                new canbao.report.Printouts(library, "兴义镇", "王芳", Localization.CHINESE));
        cards = folder.resolve("cards.jsonl");
        viewModel.useCardReader(new SimulatedCardReader(cards), new CardNotes(database));
        viewModel.useDialogs(new canbao.gui.common.DialogService() {
            @Override
            public boolean confirm(String title, String question, String yes, String no) {
                return true;
            }

            @Override
            public Optional<String> askText(String title, String question, int maxLength) {
                return Optional.ofNullable(reason);
            }
        });
    }

    @AfterEach
    void close() {
        search.close();
        database.close();
    }

    private String readerStatus() {
        return viewModel.cardReading().statusProperty().get();
    }

    @Test
    void aCardDisagreeingWithItsNumberIsRefusedAndFillsNothing() throws Exception {
        Files.writeString(cards, EXPIRED.replace("1988-03-12", "1988-03-13"));
        viewModel.cardReading().readNow();
        assertEquals("身份证不予读入：身份证上的出生日期1988-03-13与号码中的1988-03-12不一致", readerStatus());
        assertEquals("", viewModel.memberForm().nameProperty().get());
    }

    @Test
    void anExpiredCardIsRefusedWithoutAReason() throws Exception {
        Files.writeString(cards, EXPIRED);
        viewModel.cardReading().readNow();
        assertEquals("身份证已过期（有效期至2018-01-01），未读入。请出示有效证件，或重新读卡并填写原因。", readerStatus());
        assertEquals("", viewModel.memberForm().idNumberProperty().get());
    }

    @Test
    void anExpiredCardAcceptedWithAReasonIsSavedWithTheReasonAndTheScannedCode() throws Exception {
        Files.writeString(cards, EXPIRED);
        reason = "换证中，持临时身份证明";
        long now = 0;
        for (char c : "E3A1F0C9B7D24C5E8A11".toCharArray()) {
            viewModel.scanKey(c, now);
            now += 4_000_000L;
        }
        viewModel.scanEnter(now);
        viewModel.cardReading().readNow();
        assertEquals("已按所填原因读入过期身份证，请核对后按回车添加", readerStatus());
        assertEquals("任国强", viewModel.memberForm().nameProperty().get());
        assertEquals("50023019880312129X", viewModel.memberForm().idNumberProperty().get());

        viewModel.numberProperty().set("0012");
        viewModel.villageProperty().set("兴义村");
        viewModel.receiptNoProperty().set("R0012");
        viewModel.policyYearProperty().set(2022);
        viewModel.paymentDateProperty().set(LocalDate.of(2022, 1, 10));
        assertTrue(viewModel.addMember(), viewModel.statusProperty().get());
        viewModel.save();
        assertTrue(viewModel.statusProperty().get().startsWith("已保存"), viewModel.statusProperty().get());

        String person = search.search("50023019880312129X", 1).get(0).personId();
        CardNotes.Note note = new CardNotes(database).find(person).orElseThrow();
        assertEquals("换证中，持临时身份证明", note.expiredCardReason());
        assertEquals(LocalDate.of(2018, 1, 1), note.expiredCardValidTo());
        assertEquals("E3A1F0C9B7D24C5E8A11", note.insuranceCode());
    }
}
