package canbao.store;

import canbao.service.PersonMarks;
import canbao.service.HouseholdService;
import canbao.model.MarkKind;
import canbao.policy.PolicyLibrary;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The 2026 season on 2025-11-20 for the dashboard (征缴进度), each enrolment saved on a day of its own
 * (Chongqing time) through the enrolment service: 兴义村 (target 5) — 张三 paid 2025 on 2024-11-05 and
 * 2026 on 2025-11-10 (renewed); 李四 paid 2025 on 2024-11-20 at 23:30 (last season to date, to pay);
 * 王五 paid 2025 on 2024-11-21 at 00:30 (after the same day last season), marked 迁出 for 2026; 赵六 new
 * for 2026 on 2025-11-18; 孙七 on the roster only (to pay). 龙河村 (target 2) — 钱一 paid 2025 on
 * 2024-10-15 and 2026 on 2025-11-19 (renewed); 周一 paid 2025 on 2024-11-01, 拒绝参保 for 2026.
 */
public final class SeasonVillage {

    public static final ZoneId CHONGQING = ZoneId.of("Asia/Shanghai");
    public static final LocalDate TODAY = LocalDate.of(2025, 11, 20);
    public static final Instant NOW = TODAY.atTime(10, 0).atZone(CHONGQING).toInstant();

    public static final String ZHANG_SAN = RenewalVillage.id("50023019800315107");
    public static final String LI_SI = RenewalVillage.id("50023019820707387");
    public static final String WANG_WU = RenewalVillage.id("50023019700202111");
    public static final String ZHAO_LIU = RenewalVillage.id("50023019720303222");
    public static final String SUN_QI = RenewalVillage.id("50023019750505141");
    public static final String QIAN_YI = RenewalVillage.id("50023019600808171");
    public static final String ZHOU_YI = RenewalVillage.id("50023019650909182");

    private SeasonVillage() {
    }

    /** Fills the store and the targets; the services' clock is moved to each saving day. */
    public static void fill(Database database) {
        TestClock clock = new TestClock(NOW, CHONGQING);
        HouseholdService households = new HouseholdService(database, PolicyLibrary.builtIn(),
                new canbao.policy.QuoteEngine(canbao.model.Localization.CHINESE), clock);
        at(clock, "2024-10-15T09:00");
        RenewalVillage.save(households, RenewalVillage.household("0005", "龙河村", "1组",
                RenewalVillage.paying("钱一", QIAN_YI, "户主", 2025, 1, "2024-10-15")));
        at(clock, "2024-11-01T09:00");
        RenewalVillage.save(households, RenewalVillage.household("0006", "龙河村", "1组",
                RenewalVillage.paying("周一", ZHOU_YI, "户主", 2025, 1, "2024-11-01")));
        at(clock, "2024-11-05T09:00");
        RenewalVillage.save(households, RenewalVillage.household("0001", "兴义村", "3组",
                RenewalVillage.paying("张三", ZHANG_SAN, "户主", 2025, 1, "2024-11-05")));
        at(clock, "2024-11-20T23:30");
        RenewalVillage.save(households, RenewalVillage.household("0001", "兴义村", "3组",
                RenewalVillage.paying("李四", LI_SI, "配偶", 2025, 2, "2024-11-20")));
        at(clock, "2024-11-21T00:30");
        RenewalVillage.save(households, RenewalVillage.household("0002", "兴义村", "10组",
                RenewalVillage.paying("王五", WANG_WU, "户主", 2025, 1, "2024-11-21"),
                RenewalVillage.member("孙七", SUN_QI, "兄弟")));
        at(clock, "2025-11-10T15:00");
        RenewalVillage.save(households, RenewalVillage.household("0001", "兴义村", "3组",
                RenewalVillage.paying("张三", ZHANG_SAN, "户主", 2026, 1, "2025-11-10")));
        at(clock, "2025-11-18T08:10");
        RenewalVillage.save(households, RenewalVillage.household("0003", "兴义村", "2组",
                RenewalVillage.paying("赵六", ZHAO_LIU, "户主", 2026, 2, "2025-11-18")));
        at(clock, "2025-11-19T16:45");
        RenewalVillage.save(households, RenewalVillage.household("0005", "龙河村", "1组",
                RenewalVillage.paying("钱一", QIAN_YI, "户主", 2026, 1, "2025-11-19")));
        at(clock, "2025-11-20T10:00");
        PersonMarks marks = new PersonMarks(database, clock);
        mark(marks, database, WANG_WU, MarkKind.MOVED_OUT, null);
        mark(marks, database, ZHOU_YI, MarkKind.REFUSED, "外出务工，不愿参保");
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO village_target (village, target, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                    "兴义村", 5, NOW.toString(), "wangfang");
            handle.execute("INSERT INTO village_target (village, target, updated_at, updated_by) VALUES (?, ?, ?, ?)",
                    "龙河村", 2, NOW.toString(), "wangfang");
        });
    }

    private static void at(TestClock clock, String localTime) {
        Instant target = LocalDateTime.parse(localTime).atZone(CHONGQING).toInstant();
        clock.advance(java.time.Duration.between(clock.instant(), target));
    }

    private static void mark(PersonMarks marks, Database database, String idNumber, MarkKind kind, String reason) {
        String personId = database.jdbi().withHandle(h -> h.createQuery("SELECT id FROM person WHERE id_number = ?")
                .bind(0, idNumber).mapTo(String.class).one());
        var marked = marks.mark(personId, 2026, kind, reason, TODAY, "wangfang");
        if (!marked.isValid()) {
            throw new IllegalStateException(marked.problems().toString());
        }
    }

}
