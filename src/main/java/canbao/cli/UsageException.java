package canbao.cli;

/**
 * A command line refused before anything was done (exit 64), with its message already in the
 * operator's language: which option, and what it takes. An {@link IllegalArgumentException}, so a
 * command that answers any bad argument with its usage still does.
 */
public final class UsageException extends IllegalArgumentException {

    private final boolean showUsage;

    /** @param showUsage whether the list of commands follows the message (an unknown option or command) */
    public UsageException(String message, boolean showUsage) {
        super(message);
        this.showUsage = showUsage;
    }

    public boolean showUsage() {
        return showUsage;
    }
}
