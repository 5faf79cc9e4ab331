package canbao.sync;

import canbao.model.Localization;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;

/**
 * Why the hub could not be reached, in words a clerk reads: never an exception's class name, never
 * "null" (the JDK's HTTP client throws ClosedChannelException or a bare IOException with no message
 * when a hub is down or a link drops).
 */
public final class HubFailure {

    private HubFailure() {
    }

    public static String describe(Throwable failure, Locale locale) {
        for (Throwable untrusted = failure; untrusted != null;
             untrusted = untrusted.getCause() == untrusted ? null : untrusted.getCause()) {
            // a refused certificate or plain-HTTP address says itself, whatever wraps it
            if (untrusted instanceof HubTrust.Untrusted) {
                return untrusted.getMessage();
            }
        }
        Throwable cause = failure;
        // the HTTP client wraps the real cause; the innermost one says what happened
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof SyncClient.HubRefusedException)) {
            if (cause instanceof HttpTimeoutException || cause instanceof ConnectException
                    || cause instanceof UnknownHostException) {
                break;
            }
            cause = cause.getCause();
        }
        if (cause instanceof SyncClient.HubRefusedException refused && refused.getMessage() != null
                && !refused.getMessage().isBlank()) {
            return refused.getMessage();
        }
        if (cause instanceof SyncClient.AnswerTooLargeException) {
            return Localization.format(locale, "hubFailure.tooLarge", SyncClient.MAX_ANSWER_BYTES >> 20);
        }
        if (cause instanceof HttpTimeoutException) {
            return Localization.text(locale, "hubFailure.timeout");
        }
        if (cause instanceof UnknownHostException) {
            return Localization.text(locale, "hubFailure.unknownHost");
        }
        if (cause instanceof ConnectException) {
            return Localization.text(locale, "hubFailure.refused");
        }
        if (cause instanceof ClosedChannelException || cause instanceof IOException) {
            return Localization.text(locale, "hubFailure.dropped");
        }
        return Localization.text(locale, "hubFailure.other");
    }
}
