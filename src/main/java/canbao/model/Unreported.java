package canbao.model;

/**
 * An exception as the hub and the counter log it: the class and the stack of every cause, without the
 * messages. A parser's or a database driver's message quotes its input (a date field holding an ID
 * number, a statement's arguments), and a log must hold no ID number, name or payload.
 */
public final class Unreported extends Exception {

    private static final int MAX_CAUSES = 16;

    private final String type;

    private Unreported(Throwable original, Unreported cause) {
        super(null, cause, false, true);
        this.type = original.getClass().getName();
        setStackTrace(original.getStackTrace());
    }

    /** The exception and its causes, messages left out. */
    public static Unreported of(Throwable thrown) {
        java.util.List<Throwable> chain = new java.util.ArrayList<>();
        for (Throwable t = thrown; t != null && chain.size() < MAX_CAUSES && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        Unreported reported = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            reported = new Unreported(chain.get(i), reported);
        }
        return reported;
    }

    @Override
    public String toString() {
        return type + " (message not logged: it may quote personal data)";
    }
}
