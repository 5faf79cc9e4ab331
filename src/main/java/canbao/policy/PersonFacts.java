package canbao.policy;

import canbao.model.IdMask;
import canbao.model.Sex;
import canbao.model.Tier;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

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
 * @param coveredYears policy years with basic medical insurance anywhere (resident or employee), none
 *                     after the quoted year; null when the history is not known
 * @param repairYears broken years the person pays back (补缴), 0 to the broken years
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
        Integer graduationYear,
        SortedSet<Integer> coveredYears,
        int repairYears) {

    public PersonFacts {
        categories = List.copyOf(categories);
        coveredYears = coveredYears == null ? null : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(coveredYears));
    }

    /** A person whose coverage history is not known. */
    public PersonFacts(String name, String idNumber, String birthCertificateNo, LocalDate birthDate, Sex sex, Tier tier,
                       List<String> categories, LocalDate employeeInsuranceEndedOn, Integer graduationYear) {
        this(name, idNumber, birthCertificateNo, birthDate, sex, tier, categories, employeeInsuranceEndedOn,
                graduationYear, null, 0);
    }

    /** The same person with another coverage history and repair (what the counter or the hub knows). */
    public PersonFacts withHistory(SortedSet<Integer> covered, int repair) {
        return new PersonFacts(name, idNumber, birthCertificateNo, birthDate, sex, tier, categories,
                employeeInsuranceEndedOn, graduationYear, covered, repair);
    }

    /** The same person with other categories. */
    public PersonFacts withCategories(List<String> held) {
        return new PersonFacts(name, idNumber, birthCertificateNo, birthDate, sex, tier, held,
                employeeInsuranceEndedOn, graduationYear, coveredYears, repairYears);
    }

    /** The same person on another tier. */
    public PersonFacts withTier(Tier chosen) {
        return new PersonFacts(name, idNumber, birthCertificateNo, birthDate, sex, chosen, categories,
                employeeInsuranceEndedOn, graduationYear, coveredYears, repairYears);
    }

    @Override
    public String toString() {
        return "PersonFacts[id=" + IdMask.mask(idNumber) + ", tier=" + tier + ", categories=" + categories + "]";
    }
}
