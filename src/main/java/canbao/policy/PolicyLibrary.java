package canbao.policy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The policy tables the program knows, one per policy year. The built-in tables are listed in
 * {@code policy/index.json} on the classpath; more can come from a folder (the data folder's
 * {@code policy/}, where downloaded tables land). A new year is a new file, never new code.
 */
public final class PolicyLibrary {

    public static final String BUILT_IN_INDEX = "policy/index.json";

    private final SortedMap<Integer, PolicyTable> tables;

    private PolicyLibrary(SortedMap<Integer, PolicyTable> tables) {
        this.tables = Collections.unmodifiableSortedMap(tables);
    }

    public static PolicyLibrary of(List<PolicyTable> tables) {
        return new PolicyLibrary(new TreeMap<>()).with(tables);
    }

    /** The tables shipped with the program. */
    public static PolicyLibrary builtIn() {
        return fromIndex(BUILT_IN_INDEX, PolicyLibrary.class.getClassLoader());
    }

    /** Loads the tables an index resource lists: {@code {"tables":["policy/2021.json", ...]}}. */
    public static PolicyLibrary fromIndex(String indexResource, ClassLoader loader) {
        return of(tables(PolicyFiles.fromIndex(indexResource, loader)));
    }

    /**
     * This library plus every {@code *.json} table in a folder ({@link PolicyFiles#folder}: checked
     * strictly, two for one year refused); a table there replaces a built-in year.
     */
    public PolicyLibrary withDirectory(Path directory) {
        TreeMap<Integer, PolicyTable> merged = new TreeMap<>(tables);
        for (PolicyFiles.TableFile file : PolicyFiles.folder(directory)) {
            merged.put(file.year(), file.table());
        }
        return new PolicyLibrary(merged);
    }

    private static List<PolicyTable> tables(List<PolicyFiles.TableFile> files) {
        return files.stream().map(PolicyFiles.TableFile::table).toList();
    }


    /** What a folder of signed tables gave: the library with every table that verified, and each file refused. */
    public record Checked(PolicyLibrary library, List<PolicyTableException> refused) {
        public Checked {
            refused = List.copyOf(refused);
        }
    }

    /**
     * This library plus the tables of a folder that verify against the county key the counter pinned
     * (the data folder's {@code policy/}, where downloaded tables land with their {@code .sig}): each
     * {@code YEAR.json} must carry {@code YEAR.json.sig} by that key, over its exact bytes, for a year
     * the key covers. A file that does not is left out and listed, with why; nothing in the folder is
     * used when no key is pinned. Checked at every start, so a file changed on disk after it was
     * downloaded is never used.
     */
    public Checked withSignedDirectory(Path directory, java.util.Optional<CountyKey> key) {
        List<Path> sorted = PolicyFiles.tableFiles(directory);
        TreeMap<Integer, PolicyTable> merged = new TreeMap<>(tables);
        java.util.Set<Integer> fromFolder = new java.util.HashSet<>();
        List<PolicyTableException> refused = new ArrayList<>();
        for (Path file : sorted) {
            String origin = file.toString();
            try {
                if (key.isEmpty()) {
                    throw new PolicyTableException(origin, "", "signature.noKey");
                }
                PolicyTable table = key.get().verified(origin, PolicyFiles.readAtMost(file, PolicyFiles.MAX_TABLE_BYTES),
                        PolicyFiles.signatureBeside(file));
                if (!fromFolder.add(table.year())) {
                    throw PolicyFiles.duplicateYear(origin, table.year(), merged.get(table.year()).origin());
                }
                merged.put(table.year(), table);
            } catch (PolicyTableException e) {
                refused.add(e);
            } catch (IOException e) {
                refused.add(PolicyTableException.unreadable(origin, e));
            }
        }
        return new Checked(new PolicyLibrary(merged), refused);
    }

    /** This library plus the given tables; two new tables for one year are an error. */
    public PolicyLibrary with(List<PolicyTable> added) {
        TreeMap<Integer, PolicyTable> merged = new TreeMap<>(tables);
        TreeMap<Integer, PolicyTable> seen = new TreeMap<>();
        for (PolicyTable table : added) {
            PolicyTable twin = seen.put(table.year(), table);
            if (twin != null) {
                throw PolicyFiles.duplicateYear(table.origin(), table.year(), twin.origin());
            }
            merged.put(table.year(), table);
        }
        return new PolicyLibrary(merged);
    }

    public Optional<PolicyTable> table(int year) {
        return Optional.ofNullable(tables.get(year));
    }

    /** Whether any policy year knows the category code (a person may hold a category without an enrolment). */
    public boolean isKnownCategory(String code) {
        return tables.values().stream().anyMatch(t -> t.categories().containsKey(code));
    }

    /**
     * The policy year being collected on {@code today}: the year whose enrolment period (集中参保期)
     * contains today, else today's year, else the latest year before it, else the earliest known.
     */
    public int yearBeingCollected(java.time.LocalDate today) {
        for (PolicyTable table : tables.values()) {
            if (table.enrolmentPeriod().contains(today, table.lastDay())) {
                return table.year();
            }
        }
        SortedMap<Integer, PolicyTable> upToToday = tables.headMap(today.getYear() + 1);
        return upToToday.isEmpty() ? tables.firstKey() : upToToday.lastKey();
    }

    /**
     * The year after {@code today}'s when its collection season would have begun (a year after this
     * year's enrolment period opened) but no table for it is loaded: the screens say it is awaited.
     */
    public java.util.Optional<Integer> awaitedYear(java.time.LocalDate today) {
        PolicyTable current = tables.get(today.getYear());
        int next = today.getYear() + 1;
        if (current == null || tables.containsKey(next)
                || today.isBefore(current.enrolmentPeriod().start().plusYears(1))) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(next);
    }

    /**
     * The last day a child born on {@code birth} pays as a newborn (出生后N天内), by the newborn window of
     * its birth year's table — or, for a birth year no table covers, of the nearest year's before it
     * (else the earliest): the window is the table's, never a number of the program's.
     */
    public java.time.LocalDate newbornDeadline(java.time.LocalDate birth) {
        SortedMap<Integer, PolicyTable> upToBirth = tables.headMap(birth.getYear() + 1);
        PolicyTable table = upToBirth.isEmpty() ? tables.get(tables.firstKey()) : upToBirth.get(upToBirth.lastKey());
        return table.newborn().deadline(birth);
    }

    /** The widest newborn window of any table, in days: how far back a newborn may still be within one. */
    public int widestNewbornWindow() {
        return tables.values().stream().mapToInt(table -> table.newborn().withinDays()).max().orElseThrow();
    }

    /** The years as a clerk reads them: 2021、2022、2023 (not "[2021, 2022, 2023]"). */
    public String yearsText() {
        return tables.keySet().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("、"));
    }

    public SortedSet<Integer> years() {
        return new TreeSet<>(tables.keySet());
    }
}
