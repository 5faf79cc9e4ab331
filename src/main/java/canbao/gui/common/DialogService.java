package canbao.gui.common;

/** Dialogs behind an interface so view-models can be tested without a window (JabRef). */
public interface DialogService {

    void showError(String title, String message);

    void showInformation(String title, String message);
}
