package canbao.gui.main;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** Thin view: binds the FXML controls to {@link MainWindowViewModel}. */
public class MainWindowView {

    private final MainWindowViewModel viewModel;

    @FXML
    private Label policyYearsLabel;

    public MainWindowView(MainWindowViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        policyYearsLabel.textProperty().bind(viewModel.policyYearsProperty());
    }
}
