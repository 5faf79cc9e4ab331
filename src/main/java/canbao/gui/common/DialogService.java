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

    /** Asks for a file to open; empty when cancelled. */
    default Optional<Path> chooseOpenFile(String title) {
        return Optional.empty();
    }

    /** Asks for one of {@code choices} ({@code preselected} offered first); empty when cancelled. */
    default Optional<String> choose(String title, String question, List<String> choices, String preselected) {
        return Optional.ofNullable(preselected);
    }

    /**
     * Asks where to save a file: the operator's documents folder first (then the folder last chosen),
     * {@code suggestedName} filled in; empty when cancelled.
     */
    default Optional<Path> chooseFileToSave(String title, String suggestedName, String extension) {
        return Optional.empty();
    }
}
