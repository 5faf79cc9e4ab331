package canbao.gui.setup;

import canbao.gui.common.Decorations;
import javafx.fxml.FXML;
import javafx.scene.control.TextField;

public class SetupView {

    private final SetupViewModel viewModel;

    @FXML private TextField townshipField;
    @FXML private TextField countyField;
    @FXML private TextField operatorField;

    public SetupView(SetupViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        townshipField.textProperty().bindBidirectional(viewModel.townshipProperty());
        countyField.textProperty().bindBidirectional(viewModel.countyProperty());
        operatorField.textProperty().bindBidirectional(viewModel.operatorProperty());
        Decorations.bind(viewModel.errors().map(), "township", townshipField);
        Decorations.bind(viewModel.errors().map(), "county", countyField);
        Decorations.bind(viewModel.errors().map(), "operator", operatorField);
    }

    @FXML
    private void save() {
        viewModel.save();
    }
}
