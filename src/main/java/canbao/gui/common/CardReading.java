package canbao.gui.common;

import canbao.device.CardCheck;
import canbao.device.CardRead;
import canbao.device.CardReader;
import canbao.device.IdCard;
import canbao.model.Localization;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * A screen's side of the card reader: reads in the background (one at a time), says the reader's state
 * (已连接，请放卡 / 未找到读卡器 / 已读卡 / what failed), checks each card ({@link CardCheck}: a card whose
 * number disagrees with its birth date or sex is refused here) and hands a new card to the screen once:
 * polling again with the same card on the reader does nothing until it is lifted, or 读卡 is pressed.
 */
public final class CardReading {

    private final TaskExecutor tasks;
    private final Clock clock;
    private final Locale locale;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private CardReader reader = CardReader.NONE;
    private BiConsumer<IdCard, CardCheck.Result> onCard = (card, check) -> { };
    private boolean reading;
    private boolean asked;
    /** the number of the card handed over last, until it is lifted */
    private String handed;
    private Class<?> lastKind;

    public CardReading(TaskExecutor tasks, Clock clock, Locale locale) {
        this.tasks = tasks;
        this.clock = clock;
        this.locale = locale;
    }

    public void useReader(CardReader cardReader) {
        this.reader = cardReader;
    }

    /** What the screen does with a card that passed the checks (the result may still say it expired). */
    public void onCard(BiConsumer<IdCard, CardCheck.Result> action) {
        this.onCard = action;
    }

    /** 读卡: reads now and hands the card over even if it was handed over before. */
    public void readNow() {
        asked = true;
        poll();
    }

    /** One background read, unless one is under way. */
    public void poll() {
        if (reading) {
            return;
        }
        reading = true;
        CardReader current = reader;
        try {
            tasks.execute(current::read, this::answered, failure -> {
                reading = false;
                asked = false;
                status.set(Localization.format(locale, "reader.failed", failure.getClass().getSimpleName()));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the executor is shut down: the window is closing; this screen reads no more
            reading = true;
        }
    }

    private void answered(CardRead read) {
        reading = false;
        boolean force = asked;
        asked = false;
        // the reader's state is said when it changes: a message the screen said since stays until then
        boolean changed = force || lastKind != read.getClass();
        lastKind = read.getClass();
        if (read instanceof CardRead.NoReader) {
            handed = null;
            if (changed) {
                status.set(Localization.text(locale, "reader.status.noReader"));
            }
        } else if (read instanceof CardRead.NoCard) {
            handed = null;
            if (changed) {
                status.set(Localization.text(locale, "reader.status.placeCard"));
            }
        } else if (read instanceof CardRead.Failed failed) {
            status.set(Localization.format(locale, failed.messageKey(), failed.detail() == null ? "" : failed.detail()));
        } else if (read instanceof CardRead.Card card) {
            IdCard id = card.card();
            if (!force && id.idNumber() != null && id.idNumber().equals(handed)) {
                return; // the same card still lies on the reader
            }
            handed = id.idNumber();
            CardCheck.Result check = CardCheck.check(id, LocalDate.now(clock));
            if (!check.problems().isEmpty()) {
                status.set(Localization.format(locale, "reader.refused", check.problems().stream()
                        .map(problem -> problem.message(locale)).collect(Collectors.joining("；"))));
                return;
            }
            status.set(Localization.text(locale, "reader.status.read"));
            onCard.accept(id, check);
        }
    }

    /** Says something about the card read on the status line (the screen's answer to it). */
    public void say(String text) {
        status.set(text);
    }

    /** 身份证已过期（有效期至2018-01-01） */
    public String expiredText(LocalDate validTo) {
        return Localization.format(locale, "reader.expired", validTo.toString());
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
