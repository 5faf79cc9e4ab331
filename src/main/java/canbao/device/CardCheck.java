package canbao.device;

import canbao.model.Problem;
import canbao.policy.ResidentId;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the counter checks on a card before it fills a member: the number is a valid resident identity
 * number whose birth date and sex agree with the card's (a reader that misreads, or a forged card,
 * says otherwise), and the card is still valid. An expired card is refused unless the clerk gives a
 * reason; a card whose number disagrees with itself is refused outright.
 */
public final class CardCheck {

    /**
     * @param problems   reasons to refuse the card outright (never overridden)
     * @param expiredOn  the last valid day of an expired card; empty when the card is valid
     */
    public record Result(List<Problem> problems, Optional<LocalDate> expiredOn) {

        public Result {
            problems = List.copyOf(problems);
        }

        public boolean acceptable() {
            return problems.isEmpty() && expiredOn.isEmpty();
        }
    }

    private CardCheck() {
    }

    public static Result check(IdCard card, LocalDate today) {
        List<Problem> problems = new ArrayList<>();
        try {
            ResidentId id = ResidentId.parse(card.idNumber() == null ? "" : card.idNumber(), today);
            if (card.birthDate() != null && !card.birthDate().equals(id.birthDate())) {
                problems.add(Problem.of("birthDate", "card.birthDateMismatch", card.birthDate().toString(),
                        id.birthDate().toString()));
            }
            if (card.sex() != null && card.sex() != id.sex()) {
                problems.add(Problem.of("sex", "card.sexMismatch"));
            }
        } catch (ResidentId.InvalidException e) {
            problems.add(e.problem().under("idNumber"));
        }
        if (card.name() == null || card.name().isBlank()) {
            problems.add(Problem.of("name", "card.nameMissing"));
        }
        Optional<LocalDate> expired = card.expiredOn(today) ? Optional.of(card.validTo()) : Optional.empty();
        return new Result(problems, expired);
    }
}
