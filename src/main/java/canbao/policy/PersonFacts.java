package canbao.policy;

import canbao.model.IdMask;
import canbao.model.Sex;
import canbao.model.Tier;
import java.time.LocalDate;
import java.util.List;

/**
 * A validated person as the quote engine sees them. Built by {@link QuoteRequestValidator}, never
 * directly from user input.
 *
 * @param idNumber the resident identity number, or null for a newborn who has none yet
 * @param birthCertificateNo 出生医学证明编号, identifying a newborn without an identity number
 * @param sex null when unknown (no identity number)
 * @param categories subsidy category codes held on the payment date, each known to the year's table
 * @param employeeInsuranceEndedOn when employee insurance (职工医保) stopped, or null
 * @param graduationYear the year of graduation from a college in Chongqing, or null
 */
public record PersonFacts(
        String name,
        String idNumber,
        String birthCertificateNo,
        LocalDate birthDate,
        Sex sex,
        Tier tier,
        List<String> categories,
        LocalDate employeeInsuranceEndedOn,
        Integer graduationYear) {

    public PersonFacts {
        categories = List.copyOf(categories);
    }

    @Override
    public String toString() {
        return "PersonFacts[id=" + IdMask.mask(idNumber) + ", tier=" + tier + ", categories=" + categories + "]";
    }
}
