package canbao.service;

import canbao.model.NewbornPending;
import canbao.model.PersonHit;
import canbao.policy.PolicyLibrary;
import canbao.store.Database;
import canbao.store.NewbornDao;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Newborns registered but not yet paid, fewest days left first: the newborn window (出生后90天内)
 * comes from the policy table of the birth year.
 */
public final class NewbornWorklist {

    /** Rows with this many days left or fewer are highlighted on the screen. */
    public static final int URGENT_DAYS = 10;

    private final Database database;
    private final PolicyLibrary library;
    private final Clock clock;

    public NewbornWorklist(Database database, PolicyLibrary library, Clock clock) {
        this.database = database;
        this.library = library;
        this.clock = clock;
    }

    public List<NewbornPending> pending() {
        LocalDate today = LocalDate.now(clock);
        int widest = library.widestNewbornWindow();
        List<PersonHit> unpaid = database.jdbi().withExtension(NewbornDao.class,
                dao -> dao.unpaidBornSince(today.minusDays(widest)));
        return unpaid.stream()
                .map(hit -> {
                    LocalDate deadline = deadline(hit.birthDate());
                    return new NewbornPending(hit.personId(), hit.name(), hit.maskedIdentity(), hit.birthDate(),
                            deadline, ChronoUnit.DAYS.between(today, deadline), hit.householdNumber(), hit.village());
                })
                .filter(newborn -> newborn.daysLeft() >= 0)
                .toList();
    }

    /** Birth + the newborn window of the birth year's table ({@link PolicyLibrary#newbornDeadline}). */
    public LocalDate deadline(LocalDate birthDate) {
        return library.newbornDeadline(birthDate);
    }
}
