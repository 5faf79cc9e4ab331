package canbao.model;

import java.time.LocalDate;

/** A search result row as a list shows it: the identity is already masked. */
public record PersonHit(String personId, String name, String maskedIdentity, LocalDate birthDate, String relation,
                        String householdId, String householdNumber, String village) {
}
