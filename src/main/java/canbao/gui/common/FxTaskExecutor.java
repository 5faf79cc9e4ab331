package canbao.gui.common;

import canbao.model.Unreported;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Task}s on daemon threads; results arrive on the FX thread. Short work has two threads of
 * its own and long work (uploads, imports, printouts) two others, so an upload of ten minutes and an
 * import at once leave the clerk's search its threads. A failure is logged (its messages left out: they
 * may quote personal data) before the view-model says it to the operator.
 */
public final class FxTaskExecutor implements TaskExecutor, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FxTaskExecutor.class);

    private final ExecutorService quick = pool("canbao-task");
    private final ExecutorService slow = pool("canbao-long-task");

    private static ExecutorService pool(String name) {
        return Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public <T> Handle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(quick, work, onSuccess, onFailure);
    }

    @Override
    public <T> Handle executeLong(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        return run(slow, work, onSuccess, onFailure);
    }

    private static <T> Handle run(ExecutorService pool, Callable<T> work, Consumer<T> onSuccess,
                                  Consumer<Throwable> onFailure) {
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnSucceeded(event -> onSuccess.accept(task.getValue()));
        task.setOnFailed(event -> {
            LOG.error("work off the FX thread failed", Unreported.of(task.getException()));
            onFailure.accept(task.getException());
        });
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // handed in after close(): the window is going away (a background round answered late)
            LOG.debug("work handed in after the window closed was dropped");
            task.cancel(false);
        }
        return new Handle() {
            @Override
            public void cancel() {
                task.cancel(true);
            }

            @Override
            public boolean isDone() {
                return task.isDone();
            }
        };
    }

    @Override
    public void onUi(Runnable update) {
        if (Platform.isFxApplicationThread()) {
            update.run();
        } else {
            Platform.runLater(update);
        }
    }

    @Override
    public void close() {
        quick.shutdownNow();
        slow.shutdownNow();
    }
}
