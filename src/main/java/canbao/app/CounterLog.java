package canbao.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The counter's log: {@code logs/canbao.log} in its data folder (or under {@code canbao.log.dir} when that
 * system property names a folder — the tests gather every counter's log there), rolled daily and at 5 MB,
 * kept 90 days and at most 50 MB. Our lines at info (start, sign-in by login, uploads and imports by their
 * counts, failures by their class), libraries at warn. No name and no ID number: see {@link MaskingLayout}.
 * Support asks a township for this folder, never for the database.
 */
public final class CounterLog {

    static final String APPENDER = "counter-file";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} [%thread] %-5level %logger - %msg%n";

    private CounterLog() {
    }

    /** Starts writing to the folder's log (once per process: a second data folder replaces the first). */
    public static Path toFolder(Path dataFolder) {
        return start(System.getProperty("canbao.log.dir") != null ? Path.of(System.getProperty("canbao.log.dir"))
                : dataFolder.resolve("logs"));
    }

    /** Stops writing the file (the window closes); lines go on to the console only. */
    public static synchronized void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(APPENDER) instanceof RollingFileAppender<ILoggingEvent> running) {
                running.stop();
                root.detachAppender(running);
            }
        }
    }

    static synchronized Path start(Path folder) {
        Path file = folder.resolve("canbao.log").toAbsolutePath();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return file; // another SLF4J binding: it logs where it is configured to
        }
        stop();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        MaskingLayout layout = new MaskingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(folder.toAbsolutePath().resolve("canbao-%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(FileSize.valueOf("5MB"));
        rolling.setMaxHistory(90);
        rolling.setTotalSizeCap(FileSize.valueOf("50MB"));
        rolling.start();
        appender.setRollingPolicy(rolling);
        appender.start();
        root.addAppender(appender);
        context.getLogger("canbao").setLevel(Level.INFO);
        return file;
    }
}
