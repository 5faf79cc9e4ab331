package canbao.gui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs work off the FX thread and hands the result back on it (JabRef's TaskExecutor). Production
 * uses {@link FxTaskExecutor}; tests use a current-thread executor so view-models are deterministic.
 */
public interface TaskExecutor {

    <T> void execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

    /** Runs a small update on the UI thread (progress told by a worker thread). */
    void onUi(Runnable update);
}
