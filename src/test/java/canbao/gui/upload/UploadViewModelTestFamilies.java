package canbao.gui.upload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import canbao.model.Localization;
import canbao.store.Database;
import java.time.Clock;

/** A family saved at the counter, so something waits in the outbox. */
final class UploadViewModelTestFamilies {

    private UploadViewModelTestFamilies() {
    }

    /** Saves a family with one enrolment; returns how many records wait in the outbox. */
    static long enrolOneFamily(Database database) {
        canbao.service.HouseholdService households = new canbao.service.HouseholdService(database,
                canbao.policy.PolicyLibrary.builtIn(), new canbao.policy.QuoteEngine(Localization.CHINESE),
                Clock.systemUTC());
        assertTrue(households.save(new canbao.service.HouseholdEntry("0012", "兴义村", "3组", null, null,
                java.util.List.of(new canbao.service.HouseholdEntry.Member("张三", "500230198003151079", null, null,
                        "户主", "汉", java.util.List.of(), null, null, new canbao.service.HouseholdEntry.EnrollmentRequest(
                        2022, 1, java.time.LocalDate.of(2022, 1, 10), "R1", null, null)))), "wangfang").isValid());
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM outbox WHERE status = 'pending'")
                .mapTo(Long.class).one());
    }
}
