package canbao.gui.common;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The questions a screen asks the operator (JabRef's DialogService): view-models ask through it, so
 * they can be tested without a window; {@link FxDialogService} shows JavaFX dialogs over the window.
 */
public interface DialogService {

    /** Asks a yes/no question; true when the operator chose {@code yes}. */
    boolean confirm(String title, String question, String yes, String no);

    /** Asks for a short text (a reason); empty when the operator cancelled or left it blank. */
    Optional<String> askText(String title, String question, int maxLength);

    /** Asks for a folder (the county's key folder); empty when cancelled, or where no chooser can be shown. */
    default Optional<Path> chooseFolder(String title) {
        return Optional.empty();
    }

    /** Asks for one of {@code choices} ({@code preselected} offered first); empty when cancelled. */
    default Optional<String> choose(String title, String question, List<String> choices, String preselected) {
        return Optional.ofNullable(preselected);
    }

    /**
     * Asks for a required reason: {@code yes} is offered only once something is typed; empty when the
     * operator chose {@code no} or closed the dialog.
     */
    default Optional<String> askReason(String title, String question, String yes, String no, int maxLength) {
        return askText(title, question, maxLength);
    }

    /** A kind of file a file dialog offers: "PDF 文件" with its extensions ("pdf"), lower case, no dot. */
    record FileType(String description, List<String> extensions) {

        public FileType {
            extensions = List.copyOf(extensions);
        }

        public static FileType of(String description, String... extensions) {
            return new FileType(description, List.of(extensions));
        }

        public boolean matches(Path file) {
            String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            return extensions.stream().anyMatch(extension -> name.endsWith("." + extension));
        }
    }

    /**
     * Asks where to save a file: {@code initialName} proposed, the first of {@code types} chosen; the
     * name gets the chosen type's extension when it has none of them. Empty when cancelled.
     */
    default Optional<Path> chooseFileToSave(String title, String initialName, List<FileType> types) {
        return Optional.empty();
    }

    /** Asks for an existing file to read, of one of {@code types}. Empty when cancelled. */
    default Optional<Path> chooseFileToOpen(String title, List<FileType> types) {
        return Optional.empty();
    }
}
