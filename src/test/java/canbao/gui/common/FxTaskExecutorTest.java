package canbao.gui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/** The real executor on the real FX toolkit: long work has threads of its own, cancelling stops it quietly. */
class FxTaskExecutorTest {

    private final FxTaskExecutor executor = new FxTaskExecutor();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void aSearchIsAnsweredWhileTwoLongJobsHoldTheirThreads() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bothRunning = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) { // an upload and an import, each minutes long
            executor.executeLong(() -> {
                bothRunning.countDown();
                return release.await(30, TimeUnit.SECONDS);
            }, done -> { }, failed -> { });
        }
        assertTrue(bothRunning.await(10, TimeUnit.SECONDS));

        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        executor.execute(() -> "王", found -> answered.complete(Platform.isFxApplicationThread()),
                answered::completeExceptionally);
        assertTrue(answered.get(10, TimeUnit.SECONDS), "the answer arrives on the FX thread while both wait");
        release.countDown();
    }

    @Test
    void aCancelledJobIsInterruptedAndNeitherCallbackRuns() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        AtomicBoolean called = new AtomicBoolean();
        TaskExecutor.Handle handle = executor.executeLong(() -> {
            started.countDown();
            try {
                Thread.sleep(30_000);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
            return null;
        }, done -> called.set(true), failed -> called.set(true));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertFalse(handle.isDone());

        handle.cancel();

        assertTrue(interrupted.get(10, TimeUnit.SECONDS));
        assertTrue(handle.isDone());
        CompletableFuture<Void> fxTurn = new CompletableFuture<>();
        Platform.runLater(() -> fxTurn.complete(null)); // any callback would have been queued before this
        fxTurn.get(10, TimeUnit.SECONDS);
        assertFalse(called.get());
    }

    @Test
    void aFailureReachesItsCallbackOnTheFxThread() throws Exception {
        CompletableFuture<String> failure = new CompletableFuture<>();
        executor.execute(() -> {
            throw new IllegalStateException("500230198003151079");
        }, done -> failure.complete("succeeded?"), failed -> failure.complete(
                (Platform.isFxApplicationThread() ? "fx:" : "other:") + failed.getClass().getSimpleName()));
        assertEquals("fx:IllegalStateException", failure.get(10, TimeUnit.SECONDS));
    }
}
