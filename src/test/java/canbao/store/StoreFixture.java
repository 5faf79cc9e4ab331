package canbao.store;

import canbao.service.HouseholdService;
import canbao.service.HouseholdEntry;
import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.policy.QuoteEngine;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** A real SQLite data folder for a test, with the service the screens and the enroll command use. */
public final class StoreFixture implements AutoCloseable {

    public static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    public static final Clock CLOCK = Clock.fixed(LocalDate.of(2026, 11, 22).atTime(9, 30).atZone(CHONGQING).toInstant(),
            CHONGQING);

    public final Database database;
    public final HouseholdService households;

    public StoreFixture(Path folder) {
        database = Database.open(folder, TestKeys.KEY);
        new WorkplaceSettings(database).save(new Workplace("兴义镇", "500230", "王芳"));
        households = new HouseholdService(database, PolicyLibrary.builtIn(), new QuoteEngine(Localization.CHINESE),
                CLOCK);
    }

    public long count(String table) {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        database.close();
    }

    public static HouseholdEntry household(String number, HouseholdEntry.Member... members) {
        return new HouseholdEntry(number, "兴义村", "3组", "兴义镇兴义村3组", "13800000000", List.of(members));
    }

    public static HouseholdEntry.Member member(String name, String idNumber, String relation) {
        return new HouseholdEntry.Member(name, idNumber, null, null, relation, "汉", null, null, null, null);
    }

    public static HouseholdEntry.Member paying(String name, String idNumber, String relation, int tier, String paid,
                                        String... categories) {
        List<HouseholdEntry.Category> held = java.util.Arrays.stream(categories)
                .map(code -> new HouseholdEntry.Category(code, "兴义镇民政办", LocalDate.of(2021, 11, 1))).toList();
        return new HouseholdEntry.Member(name, idNumber, null, null, relation, "汉", held, null, null,
                new HouseholdEntry.EnrollmentRequest(2022, tier, LocalDate.parse(paid), "R-" + name, null, null));
    }
}
