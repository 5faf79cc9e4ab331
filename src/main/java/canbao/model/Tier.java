package canbao.model;

import java.util.Optional;

/** The two contribution levels (一档 / 二档) a resident chooses. */
public enum Tier {
    ONE(1), TWO(2);

    private final int number;
    private final String messageKey;

    Tier(int number) {
        this.number = number;
        this.messageKey = "tier." + number;
    }

    public int number() {
        return number;
    }

    public static Optional<Tier> ofNumber(int number) {
        for (Tier tier : values()) {
            if (tier.number == number) {
                return Optional.of(tier);
            }
        }
        return Optional.empty();
    }

    /** Localization key of the tier's name, e.g. 一档. */
    public String messageKey() {
        return messageKey;
    }
}
