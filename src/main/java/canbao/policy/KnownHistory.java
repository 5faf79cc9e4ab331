package canbao.policy;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the counter knows of a person's coverage history, year by year with where each year came
 * from (POLICY.md, "The 2025 waiting rule"): the counter's own store, the county hub, or the clerk
 * (declared, with a short evidence note). The quote uses the union; the enrolment's snapshot keeps it
 * with its sources, and the hub checks it against what the county holds.
 *
 * @param years each covered year and its source; a year known from several sources keeps the first
 *              in the order counter, hub, declared
 * @param evidence the clerk's note for each declared year
 * @param hub whether the hub was asked and answered
 */
public record KnownHistory(SortedMap<Integer, Source> years, Map<Integer, String> evidence, HubAnswer hub) {

    public static final KnownHistory NONE = new KnownHistory(new TreeMap<>(), Map.of(), HubAnswer.NOT_ASKED);

    /** Where a covered year is known from. */
    public enum Source implements JsonWord {
        COUNTER, HUB, DECLARED;

        public String messageKey() {
            return "history.source." + json();
        }
    }

    /** Whether the hub was asked for the person's years and answered. */
    public enum HubAnswer implements JsonWord {
        ANSWERED, OFFLINE, NOT_ASKED;
    }

    public KnownHistory {
        years = Collections.unmodifiableSortedMap(new TreeMap<>(years));
        evidence = Map.copyOf(evidence);
    }

    /** This history plus years from another source (years already known keep their source). */
    public KnownHistory with(Source source, java.util.Collection<Integer> more, String note) {
        TreeMap<Integer, Source> merged = new TreeMap<>(years);
        java.util.HashMap<Integer, String> notes = new java.util.HashMap<>(evidence);
        for (Integer year : more) {
            if (merged.putIfAbsent(year, source) == null && source == Source.DECLARED && note != null) {
                notes.put(year, note);
            }
        }
        return new KnownHistory(merged, notes, hub);
    }

    /** This history with the hub's answer: its years, or that it could not be asked. */
    public KnownHistory withHub(SortedSet<Integer> answered) {
        KnownHistory history = answered == null ? this : with(Source.HUB, answered, null);
        return new KnownHistory(history.years, history.evidence, answered == null ? HubAnswer.OFFLINE
                : HubAnswer.ANSWERED);
    }

    /**
     * The covered years for the quote, or null when nothing is known: no year from any source and
     * no answer from the hub (a person the counter has never seen, offline, is not "broken").
     */
    public SortedSet<Integer> coveredYears() {
        if (years.isEmpty() && hub != HubAnswer.ANSWERED) {
            return null;
        }
        return new TreeSet<>(years.keySet());
    }

    /** The years known from one source. */
    public SortedSet<Integer> from(Source source) {
        TreeSet<Integer> found = new TreeSet<>();
        years.forEach((year, from) -> {
            if (from == source) {
                found.add(year);
            }
        });
        return found;
    }
}
