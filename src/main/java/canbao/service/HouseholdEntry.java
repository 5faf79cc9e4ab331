package canbao.service;

import canbao.model.EnrollmentStatus;
import java.time.LocalDate;
import java.util.List;

/**
 * A household as entered at the counter or sent to {@code enroll}: the household fields and the
 * members to add or change, each possibly with an enrolment. Fields are raw (nullable); the
 * {@link HouseholdService} checks them all before anything is written.
 */
public record HouseholdEntry(String number, String village, String group, String address, String phone,
                             List<Member> members) {

    public HouseholdEntry {
        members = members == null ? null : List.copyOf(members);
    }

    /**
     * @param categories null keeps the person's categories as they are; an empty list clears them
     * @param enrollment null keeps the person's enrolments as they are
     * @param history the coverage years the caller knows beyond this counter's store: the hub's answer
     *                and the years the clerk declares (stored with the person); never null
     */
    public record Member(String name, String idNumber, LocalDate birthDate, String birthCertificateNo,
                         String relation, String ethnicity, List<Category> categories,
                         LocalDate employeeInsuranceEndedOn, Integer graduationYear, EnrollmentRequest enrollment,
                         canbao.policy.KnownHistory history) {

        public Member {
            categories = categories == null ? null : List.copyOf(categories);
            history = history == null ? canbao.policy.KnownHistory.NONE : history;
        }

        /** A member whose history is only what this counter holds. */
        public Member(String name, String idNumber, LocalDate birthDate, String birthCertificateNo, String relation,
                      String ethnicity, List<Category> categories, LocalDate employeeInsuranceEndedOn,
                      Integer graduationYear, EnrollmentRequest enrollment) {
            this(name, idNumber, birthDate, birthCertificateNo, relation, ethnicity, categories,
                    employeeInsuranceEndedOn, graduationYear, enrollment, canbao.policy.KnownHistory.NONE);
        }
    }

    /** A subsidy category with its certifying department and date (认定部门, 认定日期), both optional. */
    public record Category(String code, String certifiedBy, LocalDate certifiedOn) {
    }

    /**
     * @param status null or PAID: a paid enrolment; DRAFT: quoted, not yet paid; CANCELLED: cancel the
     *               person's live enrolment for the year (the stored codes are read at the edge: {@code enroll}'s JSON)
     * @param withGuardian ID number (or birth certificate number) of the enrolled guardian a newborn
     *                     is covered with, no payment
     * @param repairYears broken years paid back with this payment (补缴); null or 0 for none
     * @param cancelReason with status CANCELLED: why (作废原因), kept with the cancelled row and audited
     */
    public record EnrollmentRequest(Integer policyYear, Integer tier, LocalDate paymentDate, String receiptNo,
                                    EnrollmentStatus status, String withGuardian, Integer repairYears, String cancelReason) {

        public EnrollmentRequest(Integer policyYear, Integer tier, LocalDate paymentDate, String receiptNo,
                                 EnrollmentStatus status, String withGuardian, Integer repairYears) {
            this(policyYear, tier, paymentDate, receiptNo, status, withGuardian, repairYears, null);
        }

        /** Cancels the person's live enrolment for {@code policyYear}, for {@code reason}. */
        public static EnrollmentRequest cancel(int policyYear, String reason) {
            return new EnrollmentRequest(policyYear, null, null, null, EnrollmentStatus.CANCELLED, null, null, reason);
        }

        public EnrollmentRequest(Integer policyYear, Integer tier, LocalDate paymentDate, String receiptNo,
                                 EnrollmentStatus status, String withGuardian) {
            this(policyYear, tier, paymentDate, receiptNo, status, withGuardian, null);
        }
    }
}
