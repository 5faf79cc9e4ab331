package canbao.gui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the FX thread and hands the result back on it (JabRef's TaskExecutor). Production
 * uses {@link FxTaskExecutor}; tests use a current-thread executor so view-models are deterministic.
 *
 * <p>Two kinds of work: short work a clerk waits for (a search, opening a household, a quote), and long
 * work that may take minutes (an upload at the end of the shift, a roster import, a printout). Long work
 * has threads of its own, so it never holds up a search at the counter.
 */
public interface TaskExecutor {

    /** A piece of work handed out: it can be cancelled (its thread is interrupted; neither callback runs). */
    interface Handle {
        void cancel();

        boolean isDone();
    }

    <T> Handle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Work that may take minutes: on threads of its own, never in the way of {@link #execute}. */
    default <T> Handle executeLong(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return execute(work, onSuccess, onFailure);
    }

    /** Runs a small update on the UI thread (progress told by a worker thread). */
    void onUi(Runnable update);
}
