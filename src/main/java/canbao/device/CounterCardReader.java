package canbao.device;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The counter's one reader, as the screens hold it: the reader the current choice names, opened at the
 * first read. An administrator's new choice takes its place at once ({@link #use}); while the
 * administrator tries a reader ({@link #trial}) the screens' reader is closed, so that the vendor's port
 * is free for the trial, and reads say no reader until the trial is over.
 */
public final class CounterCardReader implements CardReader {

    private final List<Path> libraryPath;
    private ReaderChoice choice;
    private CardReader current;
    private int trials;

    /** @param libraryPath folders where a vendor's library may be installed besides the system's */
    public CounterCardReader(ReaderChoice choice, List<Path> libraryPath) {
        this.choice = choice;
        this.libraryPath = List.copyOf(libraryPath);
    }

    public synchronized ReaderChoice choice() {
        return choice;
    }

    public List<Path> libraryPath() {
        return libraryPath;
    }

    @Override
    public synchronized CardRead read() {
        if (trials > 0) {
            return CardRead.NO_READER;
        }
        if (current == null) {
            current = CardReaders.open(choice, libraryPath);
        }
        return current.read();
    }

    /** Uses {@code next} from the next read on; the reader used so far is closed (its helper stopped). */
    public synchronized void use(ReaderChoice next) {
        closeCurrent();
        choice = next;
    }

    /** One read of {@code candidate} ({@link CardReaders#trial}) with the screens' reader closed meanwhile. */
    public CardRead trial(ReaderChoice candidate, Map<String, String> environment, Duration timeout) {
        synchronized (this) {
            trials++;
            closeCurrent();
        }
        try {
            return CardReaders.trial(candidate, libraryPath, environment, timeout);
        } finally {
            synchronized (this) {
                trials--;
            }
        }
    }

    private void closeCurrent() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    @Override
    public synchronized void close() {
        closeCurrent();
    }
}
