package canbao.model;

/**
 * The longest text each stored field may hold, in characters: one home for the screens, {@code enroll},
 * roster imports (through {@code policy.FieldRules}, which {@code HouseholdService} and {@code RosterImport}
 * both call, so the limit and its words are the same) and the hub's record check,
 * so that nothing the counter saves is refused by the hub for its length, and no field is unbounded
 * (a 5 MB 认定部门 once made every later upload stop at 413).
 */
public final class FieldLimits {

    public static final int HOUSEHOLD_NUMBER = 30;
    public static final int VILLAGE = 100;
    public static final int GROUP = 100;
    public static final int ADDRESS = 200;
    public static final int PHONE = 30;
    public static final int NAME = 50;
    public static final int RELATION = 20;
    public static final int ETHNICITY = 20;
    public static final int RECEIPT = 50;
    /** Why an enrolment was cancelled (作废): a sentence, as the screen's dialog allows. */
    public static final int CANCEL_REASON = 100;
    public static final int COVERAGE_EVIDENCE = 100;
    /** 认定部门 of a low-income category: an office's name. */
    public static final int CERTIFIED_BY = 50;
    /** A category's name as a ledger writes it (matched against the policy table). */
    public static final int CATEGORY_NAME = 100;

    private FieldLimits() {
    }
}
