package canbao.policy;

/**
 * How sure a figure of a policy table is (POLICY.md, "Policy years 2023–2026"): {@code confirmed}
 * when a government notice or official newspaper states it, {@code provisional} when it comes from an
 * aggregator or from one of our Decisions. A provisional figure is shown as such ("待区县核定")
 * wherever it is used, until the county replaces the table with one it has signed.
 */
public enum FigureStatus implements JsonWord {
    CONFIRMED,
    PROVISIONAL;

    public boolean isProvisional() {
        return this == PROVISIONAL;
    }
}
