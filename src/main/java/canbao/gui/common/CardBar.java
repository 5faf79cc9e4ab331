package canbao.gui.common;

import canbao.model.Localization;
import java.util.Locale;
import java.util.function.LongConsumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.util.Duration;

/**
 * The card reader's strip on a screen: 读卡, the reader's state, and (where the screen takes them) the
 * 扫码 field a keyboard-wedge scanner types into. While the screen is shown the reader is polled every
 * {@link #POLL} (placing a card is enough); polling stops when the screen is hidden or its window goes.
 */
public final class CardBar extends HBox {

    static final Duration POLL = Duration.seconds(1);

    private final Button readButton = new Button();
    private final Label statusLabel = new Label();
    private Timeline polling;

    public CardBar() {
        setSpacing(8);
        setAlignment(Pos.CENTER_LEFT);
        readButton.setId("readCardButton");
        statusLabel.setId("readerStatusLabel");
        getChildren().addAll(readButton, statusLabel);
    }

    /** Binds the strip to a screen's reading and starts polling while the strip is shown. */
    public void attach(CardReading reading, Locale locale) {
        readButton.setText(Localization.text(locale, "reader.read"));
        readButton.setOnAction(event -> reading.readNow());
        statusLabel.textProperty().bind(reading.statusProperty());
        polling = new Timeline(new KeyFrame(POLL, event -> {
            if (getScene() == null || getScene().getWindow() == null) {
                polling.stop(); // the window was closed or another screen replaced this one (退出登录)
            } else if (shown(this) && getScene().getWindow().isShowing()) {
                reading.poll();
            }
        }));
        polling.setCycleCount(Timeline.INDEFINITE);
        sceneProperty().addListener((o, old, scene) -> {
            if (scene == null) {
                polling.stop();
            } else {
                polling.play();
            }
        });
        if (getScene() != null) {
            polling.play();
        }
    }

    /**
     * Adds the 扫码 field: every key typed is timed, Enter hands the field's keys to {@code enter}
     * (with the time) and empties it. {@code key} gets each character with its time, {@code reset} any
     * other change.
     */
    public TextField addScanField(Locale locale, KeyTimer key, LongConsumer enter, Runnable reset) {
        Label label = new Label(Localization.text(locale, "reader.scan"));
        TextField field = new TextField();
        field.setId("scanField");
        field.setPromptText(Localization.text(locale, "reader.scan.prompt"));
        field.setPrefColumnCount(16);
        field.addEventFilter(KeyEvent.KEY_TYPED, event -> {
            String typed = event.getCharacter();
            if (typed.length() == 1 && typed.charAt(0) >= ' ' && typed.charAt(0) != 127) {
                key.key(typed.charAt(0), System.nanoTime());
            }
        });
        field.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ENTER) {
                event.consume(); // the screen's Enter (add the member) is not this field's
                enter.accept(System.nanoTime());
                field.clear();
            } else if (event.getCode() == KeyCode.BACK_SPACE || event.getCode() == KeyCode.DELETE
                    || event.getCode() == KeyCode.ESCAPE || event.isShortcutDown()) {
                reset.run();
                if (event.getCode() == KeyCode.ESCAPE) {
                    field.clear();
                }
            }
        });
        getChildren().addAll(label, field);
        return field;
    }

    /** Adds a button shown only while {@code shown} holds (打开该户 beside a stored person's message). */
    public Button addButton(String text, String id, Runnable action, javafx.beans.value.ObservableBooleanValue shown) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        button.visibleProperty().bind(shown);
        button.managedProperty().bind(shown);
        getChildren().add(2, button);
        return button;
    }

    /** A character typed and when (System.nanoTime). */
    public interface KeyTimer {
        void key(char character, long nanos);
    }

    /** Whether the node and every parent is visible (an unselected tab's content is hidden, not removed). */
    static boolean shown(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (!at.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
