package canbao.store;

import canbao.model.Problem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The problems of one imported file, in file order, keeping only the first {@link #LIMIT} by line: a
 * million bad lines must not become a million objects. The count of all problems is kept, and the list
 * ends with a line saying how many there were when some were left out.
 */
public final class ImportProblems {

    public static final int LIMIT = 1000;

    private record Entry(int line, long order, Problem problem) {
    }

    private static final Comparator<Entry> FILE_ORDER =
            Comparator.comparingInt(Entry::line).thenComparingLong(Entry::order);

    /** The latest in file order on top, so the queue drops it first when full. */
    private final PriorityQueue<Entry> kept = new PriorityQueue<>(FILE_ORDER.reversed());
    private long order;
    private long total;

    /** A problem of the file as a whole (its header, a bound): listed before every line's. */
    public void add(Problem problem) {
        add(0, problem);
    }

    /** A problem of a line of the file. */
    public void add(int line, Problem problem) {
        total++;
        Entry entry = new Entry(line, order++, problem);
        if (kept.size() < LIMIT) {
            kept.add(entry);
        } else if (FILE_ORDER.compare(entry, kept.peek()) < 0) {
            kept.poll();
            kept.add(entry);
        }
    }

    /** {@link RosterStore#at} and {@link #add(int, Problem)} in one. */
    public void at(int line, String column, String key, Object... arguments) {
        add(line, RosterStore.at(line, column, key, arguments));
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public long total() {
        return total;
    }

    /** The kept problems in file order, and a last line with the total if some were left out. */
    public List<Problem> list() {
        List<Entry> entries = new ArrayList<>(kept);
        entries.sort(FILE_ORDER);
        List<Problem> problems = new ArrayList<>(entries.size() + 1);
        entries.forEach(entry -> problems.add(entry.problem()));
        if (total > entries.size()) {
            problems.add(Problem.of("", "import.limit.problems", total, LIMIT));
        }
        return List.copyOf(problems);
    }
}
