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
        Integer graduationYear) {

    public MemberDraft {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
