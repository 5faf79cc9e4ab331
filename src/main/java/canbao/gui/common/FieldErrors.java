package canbao.gui.common;

import canbao.model.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javafx.beans.property.ReadOnlyMapWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableMap;

/**
 * The validation status of a form: field path → message (Chinese at the counter). A view shows each
 * message next to its field; a view-model fills it from the {@link Problem}s the domain returns.
 */
public final class FieldErrors {

    private final ReadOnlyMapWrapper<String, String> errors =
            new ReadOnlyMapWrapper<>(FXCollections.observableMap(new TreeMap<>()));
    private final Locale locale;

    public FieldErrors(Locale locale) {
        this.locale = locale;
    }

    public ObservableMap<String, String> map() {
        return errors.getReadOnlyProperty();
    }

    /** Replaces every error under {@code prefix} (all when empty) with these problems. */
    public void show(String prefix, List<Problem> problems) {
        clear(prefix);
        for (Problem problem : problems) {
            String field = prefix.isEmpty() ? problem.field()
                    : problem.field().isEmpty() ? prefix : prefix + "." + problem.field();
            errors.merge(field, problem.message(locale), (a, b) -> a + "；" + b);
        }
    }

    public void clear(String prefix) {
        if (prefix.isEmpty()) {
            errors.clear();
        } else {
            errors.keySet().removeIf(field -> field.equals(prefix) || field.startsWith(prefix + ".")
                    || field.startsWith(prefix + "["));
        }
    }

    public String get(String field) {
        return errors.get(field);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public Map<String, String> snapshot() {
        return Map.copyOf(errors);
    }
}
