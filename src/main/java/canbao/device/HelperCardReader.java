package canbao.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A vendor reader seen from the counter: every read is asked of the reader helper process
 * ({@link ReaderHelper}) and its one-line answer awaited for at most {@code timeout}. When the helper
 * dies (vendor code crashed), answers nothing in time, or answers garbage, it is killed and a new one
 * started, and the read says so ({@code reader.restarted}: "读卡器程序异常，已重新启动"). After
 * {@link #MAX_RESTARTS} restarts in a row the helper is left stopped for {@link #PAUSE} (a library that
 * crashes on every read would otherwise restart a JVM every second) and reads say {@code reader.stopped}.
 */
public final class HelperCardReader implements CardReader {

    private static final Logger LOG = Logger.getLogger(HelperCardReader.class.getName());
    static final int MAX_RESTARTS = 3;
    static final Duration PAUSE = Duration.ofSeconds(60);

    private final List<String> command;
    private final Map<String, String> environment;
    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService answers = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "canbao-reader-helper");
        thread.setDaemon(true);
        return thread;
    });
    private Process helper;
    private Trouble lastTrouble = Trouble.NONE;
    private int restartsInARow;
    private Instant pausedUntil = Instant.MIN;

    /**
     * @param family       auto, termb or sdtapi
     * @param libraryPath  folders where the vendor's library may be installed (jna.library.path), or empty
     * @param environment  extra environment of the helper (tests name their fake card there)
     */
    public HelperCardReader(String family, List<Path> libraryPath, Map<String, String> environment, Duration timeout,
                            Clock clock) {
        this(new ReaderChoice(ReaderChoice.Kind.valueOf(family.toUpperCase(java.util.Locale.ROOT)), null), libraryPath,
                environment, timeout, clock);
    }

    /**
     * @param choice a vendor reader (auto, termb, sdtapi), with the port and library file it names, if any
     */
    public HelperCardReader(ReaderChoice choice, List<Path> libraryPath, Map<String, String> environment,
                            Duration timeout, Clock clock) {
        if (!ReaderChoice.vendor(choice.kind())) {
            throw new IllegalArgumentException("the helper runs vendor readers only, not " + choice);
        }
        this.command = helperCommand(choice, libraryPath);
        this.environment = Map.copyOf(environment);
        this.timeout = timeout;
        this.clock = clock;
    }

    public HelperCardReader(String family, List<Path> libraryPath) {
        this(family, libraryPath, Map.of(), Duration.ofSeconds(15), Clock.systemUTC());
    }

    /** The same Java, the same class path, a small heap: {@code java … canbao.device.ReaderHelper}. */
    private static List<String> helperCommand(ReaderChoice choice, List<Path> libraryPath) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx48m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dfile.encoding=UTF-8");
        if (!libraryPath.isEmpty()) {
            command.add("-Djna.library.path=" + String.join(java.io.File.pathSeparator,
                    libraryPath.stream().map(Path::toString).toList()));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ReaderHelper.class.getName());
        command.add("--family");
        command.add(choice.family());
        if (choice.library() != null) {
            command.add("--" + choice.family());
            command.add(choice.library().toAbsolutePath().toString());
        }
        if (choice.port() != null) {
            command.add("--port");
            command.add(choice.port().toString());
        }
        return command;
    }

    /** What went wrong with the helper at the last read, if anything (the administrator's 测试读卡 says it). */
    public enum Trouble { NONE, NO_ANSWER, EXITED, BAD_ANSWER }

    public synchronized Trouble lastTrouble() {
        return lastTrouble;
    }

    @Override
    public synchronized CardRead read() {
        lastTrouble = Trouble.NONE;
        if (clock.instant().isBefore(pausedUntil)) {
            return new CardRead.Failed("reader.stopped", "");
        }
        try {
            if (helper == null || !helper.isAlive()) {
                if (helper != null) {
                    lastTrouble = Trouble.EXITED;
                    return restart("exited " + helper.exitValue());
                }
                helper = start();
            }
            OutputStream in = helper.getOutputStream();
            in.write("read\n".getBytes(StandardCharsets.US_ASCII));
            in.flush();
            InputStream out = helper.getInputStream();
            Future<String> answer = answers.submit(() -> line(out));
            String line = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                lastTrouble = Trouble.EXITED;
                return restart("exited " + exitValue());
            }
            CardRead result = CardJson.read(line);
            restartsInARow = 0;
            return result;
        } catch (TimeoutException e) {
            lastTrouble = Trouble.NO_ANSWER;
            return restart("no answer in " + timeout.toSeconds() + " s");
        } catch (IOException | ExecutionException e) {
            lastTrouble = Trouble.EXITED;
            return restart(e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            lastTrouble = Trouble.BAD_ANSWER;
            return restart("bad answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CardRead.Failed("reader.failed", "interrupted");
        }
    }

    /** Kills what is left of the helper and starts another; the read that found it broken says so. */
    private CardRead restart(String why) {
        LOG.log(Level.WARNING, "card reader helper failed ({0}); restarting", why);
        stop();
        restartsInARow++;
        if (restartsInARow > MAX_RESTARTS) {
            pausedUntil = clock.instant().plus(PAUSE);
            restartsInARow = 0;
            return new CardRead.Failed("reader.stopped", why);
        }
        try {
            helper = start();
        } catch (IOException e) {
            return new CardRead.Failed("reader.failed", e.getClass().getSimpleName());
        }
        return new CardRead.Failed("reader.restarted", why);
    }

    private Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(environment);
        return builder.start();
    }

    private int exitValue() {
        try {
            return helper.waitFor(2, TimeUnit.SECONDS) ? helper.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** One line of the helper's answer, UTF-8, bounded; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (line.size() >= CardJson.MAX_LINE) {
                throw new IOException("answer longer than " + CardJson.MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private void stop() {
        if (helper != null) {
            helper.destroyForcibly();
            try {
                helper.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            helper = null;
        }
    }

    /** Whether a helper process is running now (tests: the counter started another after a crash). */
    public synchronized boolean helperAlive() {
        return helper != null && helper.isAlive();
    }

    @Override
    public synchronized void close() {
        if (helper != null && helper.isAlive()) {
            try {
                helper.getOutputStream().write("quit\n".getBytes(StandardCharsets.US_ASCII));
                helper.getOutputStream().flush();
                helper.waitFor(1, TimeUnit.SECONDS);
            } catch (IOException e) {
                // it is being stopped anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
        answers.shutdownNow();
    }
}
