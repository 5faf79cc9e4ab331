package canbao.gui.main;

import java.util.Map;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/** Thin view: binds the status line and puts each screen into its tab. */
public class MainWindowView {

    private final MainWindowViewModel viewModel;
    private final Map<String, Node> screens;

    @FXML private Label workplaceLabel;
    @FXML private Label policyYearsLabel;
    @FXML private Label dataFolderLabel;
    @FXML private Tab enrollTab;
    @FXML private Tab newbornTab;
    @FXML private Tab quoteTab;
    @FXML private Tab uploadTab;
    @FXML private Tab reportTab;
    @FXML private TabPane tabs;

    /** @param screens the loaded screens by tab: "enroll", "newborn", "quote", "upload" */
    public MainWindowView(MainWindowViewModel viewModel, Map<String, Node> screens) {
        this.viewModel = viewModel;
        this.screens = screens;
    }

    @FXML
    private void initialize() {
        workplaceLabel.textProperty().bind(viewModel.workplaceProperty());
        policyYearsLabel.textProperty().bind(viewModel.policyYearsProperty());
        dataFolderLabel.textProperty().bind(viewModel.dataFolderProperty());
        enrollTab.setContent(screens.get("enroll"));
        newbornTab.setContent(screens.get("newborn"));
        quoteTab.setContent(screens.get("quote"));
        uploadTab.setContent(screens.get("upload"));
        reportTab.setContent(screens.get("report"));
        uploadTab.textProperty().bind(viewModel.uploadTitleProperty());
        Map<String, Tab> byScreen = Map.of("enroll", enrollTab, "newborn", newbornTab, "quote", quoteTab,
                "upload", uploadTab, "report", reportTab);
        viewModel.screenProperty().addListener((o, old, screen) -> {
            if (screen != null) {
                tabs.getSelectionModel().select(byScreen.get(screen));
                viewModel.screenProperty().set(null);
            }
        });
    }
}
