package canbao.policy;

import java.time.LocalDate;
import java.util.List;

/**
 * A member as typed at the counter or sent in a request, before any check. Every field may be
 * missing (null); {@link QuoteRequestValidator} says what is wrong.
 */
public record MemberDraft(
        String name,
        String idNumber,
        LocalDate birthDate,
        String birthCertificateNo,
        Integer tier,
        List<String> categories,
        LocalDate employeeInsuranceEndedOn,
        Integer graduationYear,
        List<Integer> coveredYears,
        Integer repairYears) {

    public MemberDraft {
        categories = categories == null ? List.of() : List.copyOf(categories);
        // null elements stay: the checks name them
        coveredYears = coveredYears == null ? null : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(coveredYears));
    }

    /** The same member with a coverage history and a repair. */
    public MemberDraft withHistory(List<Integer> covered, Integer repair) {
        return new MemberDraft(name, idNumber, birthDate, birthCertificateNo, tier, categories,
                employeeInsuranceEndedOn, graduationYear, covered, repair);
    }

    /** A member without coverage history. */
    public MemberDraft(String name, String idNumber, LocalDate birthDate, String birthCertificateNo, Integer tier,
                       List<String> categories, LocalDate employeeInsuranceEndedOn, Integer graduationYear) {
        this(name, idNumber, birthDate, birthCertificateNo, tier, categories, employeeInsuranceEndedOn, graduationYear,
                null, null);
    }
}
