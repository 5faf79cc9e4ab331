package canbao.store;

import canbao.service.HouseholdService;
import canbao.service.HouseholdEntry;
import canbao.model.Validated;
import canbao.policy.ResidentId;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A township in the 2026 season (today 2025-11-20, inside 2026's enrolment period 2025-09-01 –
 * 2025-12-31), saved through the enrolment service: households enrolled for 2025, some categories that
 * lapsed, a newborn of 2025 covered with its guardian, a cancelled 2025 enrolment, a person on the
 * roster only, one who skipped 2025, and persons already paid for 2026.
 */
public final class RenewalVillage {

    public static final LocalDate TODAY = LocalDate.of(2025, 11, 20);
    public static final String XINGYI = "兴义村";
    public static final String LONGHE = "龙河村";

    // 0001 兴义村 3组: a family of four enrolled for 2025
    public static final String ZHANG_SAN = id("50023019800315107");
    public static final String LI_SI = id("50023019820707387");
    public static final String ZHANG_LAOHAN = id("50023019450101123");
    public static final String ZHANG_XIAOHUA = id("50023020100505124");
    // 0002 兴义村 10组: one paid, one whose 2025 enrolment was cancelled
    public static final String WANG_WU = id("50023019700202111");
    public static final String ZHAO_LIU = id("50023019720303222");
    // 0003 兴义村 2组: a guardian and a 2025 newborn covered with him
    public static final String WANG_DA = id("50023019900404131");
    public static final String NEWBORN_CERTIFICATE = "Q500230001";
    public static final LocalDate NEWBORN_BIRTH = LocalDate.of(2025, 9, 10);
    // 0004 兴义村 2组: one already renewed, one on the roster only, one who skipped 2025
    public static final String SUN_QI = id("50023019750505141");
    public static final String SUN_BA = id("50023019760606152");
    public static final String SUN_JIU = id("50023019770707163");
    // 0005 龙河村 1组: a 低保 member; 0006 龙河村 1组: renewed already
    public static final String QIAN_YI = id("50023019600808171");
    public static final String ZHOU_YI = id("50023019650909182");

    private RenewalVillage() {
    }

    public static String id(String first17) {
        return first17 + ResidentId.checkCharacter(first17);
    }

    /** Saves the township through {@code households} (whose clock must be at {@link #TODAY}). */
    public static void fill(HouseholdService households) {
        save(households, household("0001", XINGYI, "3组",
                paying("张三", ZHANG_SAN, "户主", 2025, 1, "2024-12-10"),
                paying("李四", LI_SI, "配偶", 2025, 2, "2024-12-10"),
                paying("张老汉", ZHANG_LAOHAN, "父亲", 2025, 1, "2024-12-10",
                        category("DIBAO", "2025-03-01")),
                paying("张小花", ZHANG_XIAOHUA, "女", 2025, 1, "2024-12-10",
                        category("DIBAO", "2023-06-01"), category("STABLE_EXIT", "2025-02-01"))));
        save(households, household("0002", XINGYI, "10组",
                paying("王五", WANG_WU, "户主", 2025, 1, "2024-12-11"),
                paying("赵六", ZHAO_LIU, "配偶", 2025, 1, "2024-12-11")));
        save(households, household("0002", XINGYI, "10组", cancelling("赵六", ZHAO_LIU, 2025)));
        save(households, household("0003", XINGYI, "2组",
                paying("王大", WANG_DA, "户主", 2025, 2, "2024-12-12")));
        save(households, household("0003", XINGYI, "2组", new HouseholdEntry.Member("王宝宝", null, NEWBORN_BIRTH,
                NEWBORN_CERTIFICATE, "子", "汉", null, null, null,
                new HouseholdEntry.EnrollmentRequest(2025, null, null, null, null, WANG_DA))));
        save(households, household("0004", XINGYI, "2组",
                paying("孙七", SUN_QI, "户主", 2025, 1, "2024-12-13"),
                member("孙八", SUN_BA, "配偶"),
                paying("孙九", SUN_JIU, "子", 2024, 1, "2023-12-13")));
        save(households, household("0004", XINGYI, "2组", paying("孙七", SUN_QI, "户主", 2026, 1, "2025-11-15")));
        save(households, household("0005", LONGHE, "1组",
                paying("钱一", QIAN_YI, "户主", 2025, 1, "2024-12-14", category("DIBAO", "2025-10-01"))));
        save(households, household("0006", LONGHE, "1组",
                paying("周一", ZHOU_YI, "户主", 2025, 2, "2024-12-14")));
        save(households, household("0006", LONGHE, "1组", paying("周一", ZHOU_YI, "户主", 2026, 2, "2025-11-18")));
    }

    static void save(HouseholdService households, HouseholdEntry entry) {
        Validated<HouseholdService.Saved> saved = households.save(entry, "wangfang");
        if (!saved.isValid()) {
            throw new IllegalStateException(saved.problems().toString());
        }
    }

    static HouseholdEntry household(String number, String village, String group, HouseholdEntry.Member... members) {
        return new HouseholdEntry(number, village, group, village + group, "13800000000", Arrays.asList(members));
    }

    static HouseholdEntry.Category category(String code, String certifiedOn) {
        return new HouseholdEntry.Category(code, "兴义镇民政办", LocalDate.parse(certifiedOn));
    }

    static HouseholdEntry.Member member(String name, String idNumber, String relation) {
        return new HouseholdEntry.Member(name, idNumber, null, null, relation, "汉", null, null, null, null);
    }

    static HouseholdEntry.Member paying(String name, String idNumber, String relation, int year, int tier,
                                        String paid, HouseholdEntry.Category... categories) {
        return new HouseholdEntry.Member(name, idNumber, null, null, relation, "汉",
                categories.length == 0 ? null : List.of(categories), null, null,
                new HouseholdEntry.EnrollmentRequest(year, tier, LocalDate.parse(paid), "R" + year + "-" + name,
                        null, null));
    }

    static HouseholdEntry.Member cancelling(String name, String idNumber, int year) {
        return new HouseholdEntry.Member(name, idNumber, null, null, null, null, null, null, null,
                new HouseholdEntry.EnrollmentRequest(year, null, null, null, canbao.model.EnrollmentStatus.CANCELLED, null));
    }
}
