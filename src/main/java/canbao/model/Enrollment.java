package canbao.model;

import java.time.LocalDate;

/**
 * One person enrolled for one policy year. {@code quoteSnapshot} is the quote as shown to the family
 * (amounts, benefit dates, rules cited) in JSON, with the policy-table version it was computed from,
 * so a later table change never rewrites what was collected. A newborn covered with its guardian
 * (随监护人) has kind {@code with_guardian}, no tier, no payment, and names the guardian. A cancelled one
 * (作废) carries the operator's reason when it was given.
 */
public record Enrollment(String id, String personId, int policyYear, String kind, Tier tier, LocalDate paymentDate,
                         String receiptNo, EnrollmentStatus status, String guardianPersonId, Money payable,
                         LocalDate benefitStart, LocalDate benefitEnd, String tableVersion, String quoteSnapshot,
                         Audit audit, String cancelReason) {

    /** A row without a cancellation reason (every row but a cancelled one). */
    public Enrollment(String id, String personId, int policyYear, String kind, Tier tier, LocalDate paymentDate,
                      String receiptNo, EnrollmentStatus status, String guardianPersonId, Money payable,
                      LocalDate benefitStart, LocalDate benefitEnd, String tableVersion, String quoteSnapshot,
                      Audit audit) {
        this(id, personId, policyYear, kind, tier, paymentDate, receiptNo, status, guardianPersonId, payable,
                benefitStart, benefitEnd, tableVersion, quoteSnapshot, audit, null);
    }

    public static final String OWN = "own";
    public static final String WITH_GUARDIAN = "with_guardian";

    public boolean isLive() {
        return status != EnrollmentStatus.CANCELLED;
    }
}
