package canbao.gui.common;

import canbao.model.Localization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Rectangle2D;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

/**
 * The program's own file dialog (README Decisions, "File dialogs"): in Chinese, sized to the window
 * it belongs to, opening in the folder last used or the documents folder, folders first then the
 * files of the chosen type. The system's (GTK) dialog speaks the desktop's language, may be taller
 * than a 1366×768 screen, and cannot be driven by the headless tests.
 */
final class FileDialog {

    /** The folder the last file was chosen in, for the next dialog of this run. */
    private static Path lastFolder;

    private final Window owner;
    private final Locale locale;
    private final boolean saving;
    private final List<DialogService.FileType> types;
    private final Dialog<Path> dialog = new Dialog<>();
    private final TextField locationField = new TextField();
    private final ListView<Path> entriesList = new ListView<>();
    private final TextField fileNameField = new TextField();
    private final ComboBox<DialogService.FileType> typeBox = new ComboBox<>();
    private final Label messageLabel = new Label();
    private Path folder;

    private FileDialog(Window owner, Locale locale, String title, boolean saving, List<DialogService.FileType> types) {
        this.owner = owner;
        this.locale = locale;
        this.saving = saving;
        this.types = List.copyOf(types);
        dialog.setTitle(title);
        dialog.setHeaderText(null);
        dialog.setResizable(true);
        if (owner != null) {
            dialog.initOwner(owner);
        }
        build();
    }

    static Optional<Path> save(Window owner, Locale locale, String title, String initialName,
                               List<DialogService.FileType> types) {
        FileDialog chooser = new FileDialog(owner, locale, title, true, types);
        chooser.fileNameField.setText(initialName == null ? "" : initialName);
        return chooser.show();
    }

    static Optional<Path> open(Window owner, Locale locale, String title, List<DialogService.FileType> types) {
        return new FileDialog(owner, locale, title, false, types).show();
    }

    private String text(String key) {
        return Localization.text(locale, key);
    }

    private void build() {
        locationField.setId("fileDialogLocation");
        HBox.setHgrow(locationField, Priority.ALWAYS);
        locationField.setOnAction(event -> {
            Path typed = Path.of(locationField.getText().strip());
            if (Files.isDirectory(typed)) {
                go(typed);
            } else {
                messageLabel.setText(Localization.format(locale, "dialog.file.noFolder", locationField.getText()));
            }
        });
        Button up = new Button(text("dialog.file.up"));
        up.setId("fileDialogUp");
        up.setOnAction(event -> {
            if (folder != null && folder.getParent() != null) {
                go(folder.getParent());
            }
        });
        Button documents = new Button(text("dialog.file.documents"));
        documents.setId("fileDialogDocuments");
        documents.setOnAction(event -> go(DocumentsFolder.of(home())));
        HBox location = new HBox(6, new Label(text("dialog.file.location")), locationField, up, documents);
        location.setAlignment(Pos.CENTER_LEFT);

        entriesList.setId("fileDialogEntries");
        VBox.setVgrow(entriesList, Priority.ALWAYS);
        entriesList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Path entry, boolean empty) {
                super.updateItem(entry, empty);
                setText(empty || entry == null ? null : Files.isDirectory(entry)
                        ? Localization.format(locale, "dialog.file.folderEntry", entry.getFileName())
                        : String.valueOf(entry.getFileName()));
            }
        });
        entriesList.setOnMouseClicked(event -> {
            if (event.getClickCount() == 2) {
                enter(entriesList.getSelectionModel().getSelectedItem());
            } else {
                picked(entriesList.getSelectionModel().getSelectedItem());
            }
        });
        entriesList.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ENTER) {
                event.consume();
                enter(entriesList.getSelectionModel().getSelectedItem());
            } else if (event.getCode() == KeyCode.BACK_SPACE && folder != null && folder.getParent() != null) {
                event.consume();
                go(folder.getParent());
            }
        });
        entriesList.getSelectionModel().selectedItemProperty().addListener((o, old, entry) -> picked(entry));

        fileNameField.setId("fileDialogName");
        HBox.setHgrow(fileNameField, Priority.ALWAYS);
        typeBox.setId("fileDialogType");
        typeBox.getItems().setAll(types);
        typeBox.setConverter(new StringConverter<>() {
            @Override
            public String toString(DialogService.FileType type) {
                return type == null ? "" : type.description() + "（*." + String.join("，*.", type.extensions()) + "）";
            }

            @Override
            public DialogService.FileType fromString(String text) {
                return null;
            }
        });
        if (!types.isEmpty()) {
            typeBox.getSelectionModel().select(0);
        }
        typeBox.valueProperty().addListener((o, old, type) -> {
            list();
            // a name typed for another type takes the chosen type's extension
            if (saving && old != null && type != null && old.matches(Path.of(name()))) {
                String name = name();
                fileNameField.setText(name.substring(0, name.lastIndexOf('.') + 1) + type.extensions().get(0));
            }
        });
        HBox file = new HBox(6, new Label(text("dialog.file.name")), fileNameField, typeBox);
        file.setAlignment(Pos.CENTER_LEFT);
        messageLabel.setId("fileDialogMessage");
        messageLabel.setStyle("-fx-text-fill: #b00020;");

        VBox content = new VBox(8, location, entriesList, file, messageLabel);
        content.setPadding(new Insets(8));
        dialog.getDialogPane().setContent(content);
        ButtonType choose = new ButtonType(text(saving ? "dialog.file.save" : "dialog.file.open"),
                ButtonBar.ButtonData.OK_DONE);
        ButtonType cancel = new ButtonType(text("dialog.cancel"), ButtonBar.ButtonData.CANCEL_CLOSE);
        dialog.getDialogPane().getButtonTypes().setAll(choose, cancel);
        Button chooseButton = (Button) dialog.getDialogPane().lookupButton(choose);
        chooseButton.setId("fileDialogChoose");
        chooseButton.addEventFilter(javafx.event.ActionEvent.ACTION, event -> {
            if (!accept()) {
                event.consume(); // the dialog stays open, its message says why
            }
        });
        // Enter in the name field chooses; Enter in the list opens a folder (handled above)
        fileNameField.setOnAction(event -> chooseButton.fire());
        dialog.setResultConverter(button -> button == choose ? result : null);
        sizeToOwner();
    }

    private Path result;

    /** Checks the choice; true when the dialog may close with it. */
    private boolean accept() {
        messageLabel.setText("");
        String name = name();
        if (name.isEmpty() || folder == null) {
            messageLabel.setText(text("dialog.file.nameMissing"));
            return false;
        }
        Path typed = folder.resolve(name);
        if (Files.isDirectory(typed)) {
            go(typed);
            return false;
        }
        DialogService.FileType type = typeBox.getValue();
        Path chosen = typed;
        if (saving) {
            if (type != null && types.stream().noneMatch(t -> t.matches(typed))) {
                chosen = folder.resolve(name + "." + type.extensions().get(0));
            }
            if (Files.exists(chosen) && !new FxDialogService(() -> dialog.getDialogPane().getScene().getWindow(), locale)
                    .confirm(text("dialog.file.replaceTitle"), Localization.format(locale, "dialog.file.replace",
                            chosen.getFileName()), text("dialog.file.replaceYes"), text("dialog.cancel"))) {
                return false;
            }
        } else if (!Files.isRegularFile(chosen)) {
            messageLabel.setText(Localization.format(locale, "dialog.file.notFound", name));
            return false;
        }
        result = chosen;
        lastFolder = folder;
        return true;
    }

    private String name() {
        return fileNameField.getText() == null ? "" : fileNameField.getText().strip();
    }

    private void enter(Path entry) {
        if (entry == null) {
            return;
        }
        if (Files.isDirectory(entry)) {
            go(entry);
        } else {
            fileNameField.setText(String.valueOf(entry.getFileName()));
            ((Button) dialog.getDialogPane().lookupButton(dialog.getDialogPane().getButtonTypes().get(0))).fire();
        }
    }

    private void picked(Path entry) {
        if (entry != null && Files.isRegularFile(entry)) {
            fileNameField.setText(String.valueOf(entry.getFileName()));
        }
    }

    private void go(Path target) {
        folder = target.toAbsolutePath().normalize();
        locationField.setText(folder.toString());
        messageLabel.setText("");
        list();
    }

    /** Folders first, then files of the chosen type, each by name; hidden entries left out. */
    private void list() {
        if (folder == null) {
            return;
        }
        List<Path> entries = new ArrayList<>();
        DialogService.FileType type = typeBox.getValue();
        try (Stream<Path> children = Files.list(folder)) {
            children.filter(path -> !path.getFileName().toString().startsWith("."))
                    .filter(path -> Files.isDirectory(path) || type == null || type.matches(path))
                    .sorted(Comparator.comparing((Path path) -> !Files.isDirectory(path))
                            .thenComparing(path -> path.getFileName().toString()))
                    .forEach(entries::add);
        } catch (IOException | SecurityException e) {
            messageLabel.setText(Localization.format(locale, "dialog.file.unreadable", folder));
        }
        entriesList.getItems().setAll(entries);
    }

    /** Most of the owner window, never more than the screen it is on (a 1366×768 counter screen). */
    private void sizeToOwner() {
        Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        double width = owner == null ? 720 : owner.getWidth() * 0.7;
        double height = owner == null ? 480 : owner.getHeight() * 0.75;
        dialog.getDialogPane().setPrefSize(Math.max(520, Math.min(width, screen.getWidth() - 40)),
                Math.max(360, Math.min(height, screen.getHeight() - 80)));
    }

    private Optional<Path> show() {
        go(lastFolder != null && Files.isDirectory(lastFolder) ? lastFolder : DocumentsFolder.of(home()));
        Platform.runLater(() -> (saving ? fileNameField : entriesList).requestFocus());
        return dialog.showAndWait();
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
