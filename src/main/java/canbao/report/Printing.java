package canbao.report;

import java.util.List;

/**
 * The port to the machine's printers: which there are, and sending a PDF printout to one. The screens
 * and commands print through it only, so a test can put a machine without printers in its place, and
 * what happened (sent, no printer, no print command, refused) comes back as a value to put in words —
 * never a boolean to ignore.
 */
public interface Printing {

    /** The printers the system offers, its default first; empty when there is none. */
    List<String> printers();

    /**
     * Sends a PDF to a printer as it is: vector, at its actual size, on A4, as a job named
     * {@code documentName}. Returns when the printing system has taken the job or refused it.
     */
    Result print(String printer, String documentName, byte[] pdf);

    enum Outcome {
        /** The printing system took the job (it is queued at the printer). */
        SENT,
        /** There is no printer of that name, or none at all. */
        NO_PRINTER,
        /** The printing system's client command (lpr or lp) is not installed: nothing was sent. */
        NO_SPOOLER,
        /** The printing system refused the job or failed; {@code detail} says what it said. */
        FAILED
    }

    /** What happened to a job: {@code detail} is the printing system's own words for a failure. */
    record Result(Outcome outcome, String printer, String detail) {

        public boolean sent() {
            return outcome == Outcome.SENT;
        }
    }
}
