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
    /** Each field in error → the field it names without a member or element index (for its label). */
    private final Map<String, String> names = new java.util.HashMap<>();
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
            // the problem's location, under the form's part: idNumber under "member" is "member.idNumber"
            canbao.model.Location at = problem.location().under(prefix);
            names.put(at.text(), at.name());
            errors.merge(at.text(), problem.message(locale), (a, b) -> a + "；" + b);
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

    /** Clears one field's error (the clerk changed the field). */
    public void clearField(String field) {
        errors.remove(field);
    }

    /**
     * The fields in error as a clerk reads them in a status line ("姓名、身份证号"): each field's label
     * from the field it names ({@code member.categories} for {@code member.categories[0]}), once.
     */
    public String fieldNames(java.util.function.Function<String, String> label) {
        java.util.LinkedHashSet<String> labels = new java.util.LinkedHashSet<>();
        errors.keySet().forEach(field -> labels.add(label.apply(names.getOrDefault(field, field))));
        return String.join("、", labels);
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
