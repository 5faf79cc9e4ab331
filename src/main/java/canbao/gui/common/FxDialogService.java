package canbao.gui.common;

import canbao.model.Localization;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** JavaFX dialogs, modal over the main window, in the operator's words (no "OK"/"Cancel" in English). */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private final Locale locale;

    public FxDialogService(Supplier<Window> owner) {
        this(owner, Localization.CHINESE);
    }

    public FxDialogService(Supplier<Window> owner, Locale locale) {
        this.owner = owner;
        this.locale = locale;
    }

    @Override
    public boolean confirm(String title, String question, String yes, String no) {
        ButtonType confirm = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        ButtonType keep = new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, confirm, keep);
        alert.setTitle(title);
        alert.setHeaderText(null);
        alert.initOwner(owner.get());
        // the safe answer is the default: Enter keeps the work
        ((Button) alert.getDialogPane().lookupButton(confirm)).setDefaultButton(false);
        ((Button) alert.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        return alert.showAndWait().filter(confirm::equals).isPresent();
    }

    @Override
    public Optional<String> askText(String title, String question, int maxLength) {
        return askReason(title, question, Localization.text(locale, "dialog.ok"),
                Localization.text(locale, "dialog.cancel"), maxLength);
    }

    /** The text field is {@code #reasonField}; Enter chooses {@code yes} once something is typed. */
    @Override
    public Optional<String> askReason(String title, String question, String yes, String no, int maxLength) {
        Dialog<String> dialog = new Dialog<>();
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.initOwner(owner.get());
        Label label = new Label(question);
        label.setWrapText(true);
        label.setId("reasonQuestion");
        TextField field = new TextField();
        field.setId("reasonField");
        field.textProperty().addListener((o, old, text) -> {
            if (text != null && text.length() > maxLength) {
                field.setText(text.substring(0, maxLength));
            }
        });
        VBox content = new VBox(8, label, field);
        content.setPadding(new Insets(8));
        content.setPrefWidth(460);
        dialog.getDialogPane().setContent(content);
        ButtonType accept = new ButtonType(yes, ButtonBar.ButtonData.OK_DONE);
        ButtonType refuse = new ButtonType(no, ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(accept, refuse);
        Button acceptButton = (Button) dialog.getDialogPane().lookupButton(accept);
        acceptButton.setId("reasonAcceptButton");
        acceptButton.disableProperty().bind(field.textProperty().map(String::isBlank).orElse(true));
        dialog.setResultConverter(button -> button == accept ? field.getText() : null);
        dialog.setOnShown(shown -> Platform.runLater(field::requestFocus)); // the cursor waits in the field
        return dialog.showAndWait().map(String::strip).filter(text -> !text.isEmpty());
    }

    @Override
    public Optional<Path> chooseFolder(String title) {
        javafx.stage.DirectoryChooser chooser = new javafx.stage.DirectoryChooser();
        chooser.setTitle(title);
        return Optional.ofNullable(chooser.showDialog(owner.get())).map(File::toPath);
    }

    @Override
    public Optional<String> choose(String title, String question, List<String> choices, String preselected) {
        ChoiceDialog<String> dialog = new ChoiceDialog<>(preselected, choices);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setContentText(question);
        dialog.initOwner(owner.get());
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String initialName, List<FileType> types) {
        return FileDialog.save(owner.get(), locale, title, initialName, types);
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, List<FileType> types) {
        return FileDialog.open(owner.get(), locale, title, types);
    }
}
