package canbao.gui;

import canbao.model.Localization;
import canbao.policy.PolicyLibrary;
import canbao.gui.main.MainWindowView;
import canbao.gui.main.MainWindowViewModel;
import java.io.IOException;
import java.util.Locale;
import java.util.ResourceBundle;
import javafx.application.Application;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The composition root: builds the services once and hands them to the screens. */
public class CanbaoApp extends Application {

    private final Locale locale = Localization.CHINESE;

    @Override
    public void start(Stage stage) throws IOException {
        PolicyLibrary policies = PolicyLibrary.builtIn();
        ResourceBundle bundle = Localization.bundle(locale);
        MainWindowViewModel viewModel = new MainWindowViewModel(policies, locale);
        Parent root = Screens.load("MainWindow", bundle, type -> {
            if (type == MainWindowView.class) {
                return new MainWindowView(viewModel);
            }
            throw new IllegalArgumentException("no controller for " + type);
        });
        stage.titleProperty().bind(viewModel.titleProperty());
        stage.setScene(new Scene(root, 1024, 720));
        stage.show();
    }

    /** Loads one screen's FXML from {@code fxml/}. */
    static final class Screens {
        private Screens() {
        }

        static Parent load(String name, ResourceBundle bundle, javafx.util.Callback<Class<?>, Object> controllers)
                throws IOException {
            FXMLLoader loader = new FXMLLoader(CanbaoApp.class.getResource("/fxml/" + name + ".fxml"), bundle);
            loader.setControllerFactory(controllers);
            return loader.load();
        }
    }
}
