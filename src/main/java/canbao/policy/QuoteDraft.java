package canbao.policy;

import java.time.LocalDate;
import java.util.List;

/** A quote request before any check: policy year, county code, payment date and members. */
public record QuoteDraft(Integer policyYear, String county, LocalDate date, List<MemberDraft> members) {

    public QuoteDraft {
        members = members == null ? null : List.copyOf(members);
    }
}
