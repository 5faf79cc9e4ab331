package canbao.gui.main;

import java.util.Map;
import java.util.function.Supplier;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Modality;
import javafx.stage.Stage;

/** Thin view: binds the status line and puts each screen into its tab. */
public class MainWindowView {

    private final MainWindowViewModel viewModel;
    private final Map<String, Supplier<Node>> screens;

    @FXML private Label workplaceLabel;
    @FXML private Label policyYearsLabel;
    @FXML private Label dataFolderLabel;
    @FXML private Tab enrollTab;
    @FXML private Tab renewalsTab;
    @FXML private Tab newbornTab;
    @FXML private Tab quoteTab;
    @FXML private Tab uploadTab;
    @FXML private Tab reportTab;
    @FXML private Tab accountsTab;
    @FXML private Tab policyTab;
    @FXML private Tab readerTab;
    @FXML private TabPane tabs;
    @FXML private Button changePasswordButton;

    /**
     * @param screens how to build each tab's screen: "enroll", "newborn", "quote", "report", "upload",
     *                "accounts", "policy" (政策参数), "reader" (读卡器); the selected tab's is built at once, each other one when its tab is first
     *                selected; a tab without a screen (not for this operator's role) is not shown; and
     *                "password", the 修改口令 window, built each time it opens
     */
    public MainWindowView(MainWindowViewModel viewModel, Map<String, Supplier<Node>> screens) {
        this.viewModel = viewModel;
        this.screens = screens;
    }

    private void fill(Tab tab, Map<Tab, String> names) {
        if (tab != null && tab.getContent() == null) {
            tab.setContent(screens.get(names.get(tab)).get());
        }
    }

    @FXML
    private void initialize() {
        workplaceLabel.textProperty().bind(viewModel.workplaceProperty());
        policyYearsLabel.textProperty().bind(viewModel.policyYearsProperty());
        dataFolderLabel.textProperty().bind(viewModel.dataFolderProperty());
        Map<Tab, String> names = Map.of(enrollTab, "enroll", newbornTab, "newborn", quoteTab, "quote",
                uploadTab, "upload", reportTab, "report", accountsTab, "accounts", policyTab, "policy",
                renewalsTab, "renewals", readerTab, "reader");
        tabs.getTabs().removeIf(tab -> !screens.containsKey(names.get(tab)));
        fill(tabs.getSelectionModel().getSelectedItem(), names);
        tabs.getSelectionModel().selectedItemProperty().addListener((o, old, tab) -> fill(tab, names));
        uploadTab.textProperty().bind(viewModel.uploadTitleProperty());
        Map<String, Tab> byScreen = Map.of("enroll", enrollTab, "newborn", newbornTab, "quote", quoteTab,
                "upload", uploadTab, "report", reportTab, "renewals", renewalsTab);
        viewModel.screenProperty().addListener((o, old, screen) -> {
            if (screen != null) {
                tabs.getSelectionModel().select(byScreen.get(screen));
                viewModel.screenProperty().set(null);
            }
        });
    }

    @FXML
    private void signOut() {
        viewModel.signOut();
    }

    @FXML
    private void changePassword() {
        Stage dialog = new Stage();
        dialog.initOwner(changePasswordButton.getScene().getWindow());
        dialog.initModality(Modality.WINDOW_MODAL);
        dialog.setTitle(changePasswordButton.getText());
        dialog.setScene(new Scene((Parent) screens.get("password").get()));
        dialog.show();
    }
}
