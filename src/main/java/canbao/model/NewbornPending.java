package canbao.model;

import java.time.LocalDate;

/**
 * A registered newborn with no paid enrolment yet: by {@code deadline} (birth + 90 days) it must be
 * paid to be covered from birth. {@code identity} is the birth certificate number or the masked ID.
 */
public record NewbornPending(String personId, String name, String identity, LocalDate birthDate, LocalDate deadline,
                             long daysLeft, String householdNumber, String village) {
}
