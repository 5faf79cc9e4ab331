package canbao.gui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** Runs work at once on the calling thread, so view-model tests are deterministic. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {

    private static final Handle DONE = new Handle() {
        @Override
        public void cancel() {
            // already done: there is nothing left to stop
        }

        @Override
        public boolean isDone() {
            return true;
        }
    };

    @Override
    public <T> Handle execute(Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception e) {
            onFailure.accept(e);
            return DONE;
        }
        onSuccess.accept(result);
        return DONE;
    }

    @Override
    public void onUi(Runnable update) {
        update.run();
    }
}
