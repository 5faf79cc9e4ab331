package canbao.gui.reader;

import canbao.device.CardRead;
import canbao.device.CounterCardReader;
import canbao.device.IdCard;
import canbao.device.ReaderChoice;
import canbao.device.ReaderChoice.Kind;
import canbao.gui.common.FieldErrors;
import canbao.gui.common.TaskExecutor;
import canbao.model.IdMask;
import canbao.model.Localization;
import canbao.model.Problem;
import canbao.model.Role;
import canbao.store.WorkplaceSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * 读卡器 (issue 18): which identity-card reader the counter uses, its port and library file, or the
 * simulated reader's file; 测试读卡 reads once through the same helper process the screens use (with a
 * timeout) and says in words what it found; 保存 keeps the choice in the workplace settings (audited) and
 * the counter uses it at once. Only an administrator changes it; a clerk or cadre sees the setting, may
 * test the reader, and is told why the rest is closed to him.
 */
public final class ReaderSettingsViewModel {

    /** How long 测试读卡 waits for the helper's answer (starting its JVM included). */
    public static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

    private final CounterCardReader reader;
    private final WorkplaceSettings settings;
    private final TaskExecutor tasks;
    private final String login;
    private final Role role;
    private final Locale locale;
    private final Map<String, String> helperEnvironment;
    private final Duration timeout;

    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.AUTO);
    private final StringProperty port = new SimpleStringProperty("");
    private final StringProperty library = new SimpleStringProperty("");
    private final StringProperty file = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper inUse = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper testResult = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper mayChange;
    private final BooleanProperty working = new SimpleBooleanProperty(false);
    private final FieldErrors errors;

    /**
     * @param helperEnvironment extra environment of the trial's helper process (empty at the counter; tests
     *                          name their fake library's card there)
     */
    public ReaderSettingsViewModel(CounterCardReader reader, WorkplaceSettings settings, TaskExecutor tasks,
                                   String login, Role role, Locale locale, Map<String, String> helperEnvironment,
                                   Duration timeout) {
        this.reader = reader;
        this.settings = settings;
        this.tasks = tasks;
        this.login = login;
        this.role = role;
        this.locale = locale;
        this.helperEnvironment = Map.copyOf(helperEnvironment);
        this.timeout = timeout;
        this.errors = new FieldErrors(locale);
        this.mayChange = new ReadOnlyBooleanWrapper(role.managesAccounts());
        show(reader.choice());
    }

    public ReaderSettingsViewModel(CounterCardReader reader, WorkplaceSettings settings, TaskExecutor tasks,
                                   String login, Role role, Locale locale) {
        this(reader, settings, tasks, login, role, locale, Map.of(), TEST_TIMEOUT);
    }

    /** The choices in the order they are offered. */
    public static List<Kind> kinds() {
        return List.of(Kind.AUTO, Kind.TERMB, Kind.SDTAPI, Kind.SIMULATED, Kind.NONE);
    }

    public String kindText(Kind value) {
        return value == null ? "" : Localization.text(locale, "readerSettings.kind." + value.name().toLowerCase(Locale.ROOT));
    }

    /** The form shows {@code choice}: the one in use when the screen opens. */
    private void show(ReaderChoice choice) {
        kind.set(choice.kind());
        port.set(choice.port() == null ? "" : choice.port().toString());
        library.set(choice.library() == null ? "" : choice.library().toString());
        file.set(choice.file() == null ? "" : choice.file().toString());
        inUse.set(Localization.format(locale, "readerSettings.inUse", describe(choice)));
    }

    private String describe(ReaderChoice choice) {
        StringBuilder text = new StringBuilder(kindText(choice.kind()));
        if (choice.port() != null) {
            text.append("，").append(Localization.format(locale, "readerSettings.inUse.port", choice.port().toString()));
        }
        if (choice.library() != null) {
            text.append("，").append(choice.library());
        }
        if (choice.file() != null) {
            text.append("，").append(choice.file());
        }
        return text.toString();
    }

    /** Why a clerk or cadre cannot change the setting (empty for an administrator). */
    public String closedText() {
        return mayChange.get() ? "" : Localization.format(locale, "readerSettings.adminOnly",
                Localization.text(locale, role.messageKey()));
    }

    /** The choice the form holds, or empty with each field's error next to it. */
    Optional<ReaderChoice> edited() {
        List<Problem> problems = new ArrayList<>();
        Kind chosen = kind.get() == null ? Kind.AUTO : kind.get();
        Integer portNumber = null;
        Path libraryFile = null;
        Path cardFile = null;
        if (ReaderChoice.vendor(chosen) && !port.get().isBlank()) {
            try {
                portNumber = Integer.valueOf(port.get().strip());
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (!ReaderChoice.isPort(portNumber)) {
                problems.add(Problem.of("port", "readerSettings.portInvalid"));
            }
        }
        if ((chosen == Kind.TERMB || chosen == Kind.SDTAPI) && !library.get().isBlank()) {
            libraryFile = path(library.get(), "library", problems);
        }
        if (chosen == Kind.SIMULATED) {
            if (file.get().isBlank()) {
                problems.add(Problem.of("file", "readerSettings.fileRequired"));
            } else {
                cardFile = path(file.get(), "file", problems);
            }
        }
        errors.show("", problems);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ReaderChoice(chosen, cardFile, portNumber, libraryFile));
    }

    private static Path path(String text, String field, List<Problem> problems) {
        String value = text.strip();
        if (value.contains(";")) {
            problems.add(Problem.of(field, "readerSettings.pathInvalid"));
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            problems.add(Problem.of(field, "readerSettings.pathInvalid"));
            return null;
        }
    }

    /** 测试读卡: one read of the reader the form names, in the background; the answer in words. */
    public void test() {
        if (working.get()) {
            return;
        }
        Optional<ReaderChoice> choice = edited();
        if (choice.isEmpty()) {
            testResult.set(Localization.text(locale, "readerSettings.fixFirst"));
            return;
        }
        working.set(true);
        testResult.set(Localization.text(locale, "readerSettings.testing"));
        tasks.execute(() -> reader.trial(choice.get(), helperEnvironment, timeout), read -> {
            working.set(false);
            testResult.set(said(choice.get(), read));
        }, failure -> {
            working.set(false);
            testResult.set(Localization.format(locale, "reader.failed", failure.getClass().getSimpleName()));
        });
    }

    /** What one trial read found, as the administrator reads it (a card's name and number masked). */
    private String said(ReaderChoice choice, CardRead read) {
        if (read instanceof CardRead.Card card) {
            IdCard id = card.card();
            String name = id.name() == null || id.name().isEmpty() ? "" : id.name().substring(0, 1) + "*";
            return Localization.format(locale, "readerSettings.test.card", name, IdMask.mask(id.idNumber()));
        }
        if (read instanceof CardRead.NoCard) {
            return Localization.text(locale, "readerSettings.test.noCard");
        }
        if (read instanceof CardRead.NoReader) {
            return Localization.text(locale, choice.kind() == Kind.NONE ? "readerSettings.test.none"
                    : "readerSettings.test.noReader");
        }
        CardRead.Failed failed = (CardRead.Failed) read;
        return Localization.format(locale, failed.messageKey(), failed.detail() == null ? "" : failed.detail());
    }

    /** 保存: keeps the choice (audited) and uses it at once; an administrator's only. */
    public void save() {
        if (!mayChange.get()) {
            message.set(closedText());
            return;
        }
        Optional<ReaderChoice> choice = edited();
        if (choice.isEmpty()) {
            message.set(Localization.text(locale, "readerSettings.fixFirst"));
            return;
        }
        ReaderChoice chosen = choice.get();
        // off the FX thread: an audited write, and the reader waits for a read under way before it switches
        tasks.execute(() -> {
            settings.saveReader(chosen, login);
            reader.use(chosen);
            return chosen;
        }, saved -> {
            show(saved);
            message.set(Localization.format(locale, "readerSettings.saved", describe(saved)));
        }, failure -> {
            // the store's refusal says why (or the role's reason); anything else by its kind only
            boolean refused = failure instanceof IllegalArgumentException;
            message.set(refused && !closedText().isEmpty() ? closedText()
                    : Localization.format(locale, "readerSettings.notSaved",
                            refused ? failure.getMessage() : failure.getClass().getSimpleName()));
        });
    }

    /** Whether the port field means anything for the kind chosen (a vendor reader). */
    public javafx.beans.binding.BooleanBinding portAppliesBinding() {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> kind.get() != null
                && ReaderChoice.vendor(kind.get()), kind);
    }

    /** Whether the library field means anything for the kind chosen (one vendor family). */
    public javafx.beans.binding.BooleanBinding libraryAppliesBinding() {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> kind.get() == Kind.TERMB
                || kind.get() == Kind.SDTAPI, kind);
    }

    /** Whether the card file field means anything for the kind chosen (the simulated reader). */
    public javafx.beans.binding.BooleanBinding fileAppliesBinding() {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> kind.get() == Kind.SIMULATED, kind);
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty libraryProperty() {
        return library;
    }

    public StringProperty fileProperty() {
        return file;
    }

    public ReadOnlyStringProperty inUseProperty() {
        return inUse.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty testResultProperty() {
        return testResult.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty mayChangeProperty() {
        return mayChange.getReadOnlyProperty();
    }

    public BooleanProperty workingProperty() {
        return working;
    }

    public FieldErrors errors() {
        return errors;
    }
}
