package canbao.device;

import canbao.model.IdMask;
import canbao.model.Sex;
import java.time.LocalDate;

/**
 * What a second-generation resident identity card (二代身份证) says, as a reader gives it. The photo is
 * never kept: the counter has no use for it and it is personal data.
 *
 * @param ethnicity the group as the counter keeps it ("汉", "土家"), or the card's word when it is none of the 56
 * @param validTo   the last day of validity; null for a card valid for life (长期)
 */
public record IdCard(String name, Sex sex, String ethnicity, LocalDate birthDate, String address, String idNumber,
                     String issuedBy, LocalDate validFrom, LocalDate validTo) {

    /** Whether the card's validity ended before {@code today}. */
    public boolean expiredOn(LocalDate today) {
        return validTo != null && validTo.isBefore(today);
    }

    @Override
    public String toString() {
        // never a name or a number in clear (logs, exceptions)
        return "IdCard[" + IdMask.mask(idNumber) + "]";
    }
}
