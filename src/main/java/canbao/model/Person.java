package canbao.model;

import java.time.LocalDate;

/**
 * A resident. Identified by the ID number, or, for a newborn without one yet, by the birth
 * certificate number (出生医学证明编号) and birth date.
 */
public record Person(String id, String householdId, String name, String idNumber, String birthCertificateNo,
                     LocalDate birthDate, Sex sex, String ethnicity, String relation,
                     LocalDate employeeInsuranceEndedOn, Integer graduationYear, Audit audit) {

    /** The identity as a clerk may read it in a list: masked ID number or the birth certificate number. */
    public String maskedIdentity() {
        return idNumber == null ? birthCertificateNo : IdMask.mask(idNumber);
    }

    @Override
    public String toString() {
        return "Person[" + id + ", " + maskedIdentity() + "]";
    }
}
