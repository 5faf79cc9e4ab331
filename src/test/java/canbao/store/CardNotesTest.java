package canbao.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A scanned 医保电子凭证 code and an expired card's reason, kept with the person and in the audit log. */
class CardNotesTest {

    @TempDir
    Path folder;

    @Test
    void notesAreKeptWithThePersonAndAuditedWithTheCodeMasked() {
        try (StoreFixture store = new StoreFixture(folder)) {
            var saved = store.households.save(StoreFixture.household("0012",
                    StoreFixture.member("任国强", "50023019880312129X", "户主")), "王芳");
            assertTrue(saved.isValid());
            String person = saved.value().members().get(0).person().id();
            CardNotes notes = new CardNotes(store.database);

            notes.record(List.of(new CardNotes.Note(person, null, "换证中，持临时身份证明", LocalDate.of(2018, 1, 1))),
                    "王芳", Instant.parse("2026-11-22T01:30:00Z"));
            notes.record(List.of(new CardNotes.Note(person, "E3A1F0C9B7D24C5E8A11", null, null)), "王芳",
                    Instant.parse("2026-11-22T01:31:00Z"));

            CardNotes.Note kept = notes.find(person).orElseThrow();
            assertEquals("E3A1F0C9B7D24C5E8A11", kept.insuranceCode());
            assertEquals("换证中，持临时身份证明", kept.expiredCardReason(), "a later scan keeps the reason");
            assertEquals(LocalDate.of(2018, 1, 1), kept.expiredCardValidTo());

            List<String> audited = store.database.jdbi().withHandle(h -> h.createQuery(
                    "SELECT action || ' ' || after FROM audit_log WHERE entity = 'person_card_note' ORDER BY seq")
                    .mapTo(String.class).list());
            assertEquals(2, audited.size());
            assertTrue(audited.get(0).startsWith("create ") && audited.get(0).contains("换证中"), audited.get(0));
            assertTrue(audited.get(1).startsWith("change ") && audited.get(1).contains("E3A1************8A11"));
            assertFalse(audited.get(1).contains("E3A1F0C9B7D24C5E8A11"), "the code is masked in the audit log");
            // the person's revision carrying the code to the hub: the audit shows its outbox payload, masked
            AuditTrail.Line queued = new AuditTrail(store.database).latest("person", person, 10).stream()
                    .filter(l -> l.revision() == 2).findFirst().orElseThrow();
            assertTrue(queued.after().contains("E3A1************8A11"), queued::toString);
            assertFalse(queued.after().contains("E3A1F0C9B7D24C5E8A11"), "the code is masked in what the audit shows");
            assertFalse(queued.before().contains("E3A1"), queued::toString);
            assertTrue(new AuditVerifier(store.database).verify().intact());
        }
    }
}
