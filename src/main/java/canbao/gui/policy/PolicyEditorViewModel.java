package canbao.gui.policy;

import canbao.gui.common.DialogService;
import canbao.gui.common.FieldErrors;
import canbao.model.Localization;
import canbao.model.MemberQuote;
import canbao.model.Problem;
import canbao.policy.PolicyLibrary;
import canbao.policy.PolicyTable;
import canbao.policy.PolicyTableException;
import canbao.policy.QuoteEngine;
import canbao.policy.SignedTableFiles;
import canbao.policy.TableDraft;
import canbao.policy.TablePreview;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 政策参数: the county administrator opens a table (a built-in year or a file), makes next year's
 * draft, enters figures — each checked by the strict loader, its problem next to the value — sees the
 * sample persons under last year's table and the draft side by side, and saves the table signed with
 * the county's key. Every rule is {@link TableDraft}'s, {@link TablePreview}'s and
 * {@link SignedTableFiles}'s, shared with the {@code policy} command.
 */
public class PolicyEditorViewModel {

    /** The fields of the form, for errors next to them. */
    public static final String SOURCE_FIELD = "source";
    public static final String VALUE_FIELD = "value";
    public static final String VERSION_FIELD = "version";
    public static final String KEY_FOLDER_FIELD = "keyFolder";
    public static final String OUTPUT_FIELD = "outputFile";

    private final PolicyLibrary library;
    private final TablePreview previewer;
    private final Clock clock;
    private final String operatorName;
    private final Locale locale;
    private final java.util.List<DialogService.FileType> jsonFiles;

    private DialogService dialogs = new DialogService() {
        @Override
        public boolean confirm(String title, String question, String yes, String no) {
            return true;
        }

        @Override
        public Optional<String> askText(String title, String question, int maxLength) {
            return Optional.empty();
        }
    };

    private final StringProperty source = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ObservableList<FigureRow> figures = FXCollections.observableArrayList();
    private final ObjectProperty<FigureRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper selectedLabel = new ReadOnlyStringWrapper("");
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty cite = new SimpleStringProperty("");
    private final StringProperty version = new SimpleStringProperty("");
    private final ObservableList<TablePreview.Row> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewTitle = new ReadOnlyStringWrapper("");
    private final StringProperty keyFolder = new SimpleStringProperty("");
    private final StringProperty outputFile = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final BooleanProperty hasTable = new SimpleBooleanProperty(false);
    private final FieldErrors errors;

    private TableDraft draft;
    /** The table the draft is compared with: the one it was made from, else the built-in year before it. */
    private PolicyTable base;

    /** A value of the table as listed: the figure, how it stands in words, and the loader's problem with it. */
    public record FigureRow(TableDraft.Figure figure, String standing, String problem) {
    }

    public PolicyEditorViewModel(PolicyLibrary library, QuoteEngine engine, Clock clock, String operatorName,
                                 Locale locale) {
        this.library = library;
        this.previewer = new TablePreview(engine, locale);
        this.clock = clock;
        this.operatorName = operatorName;
        this.locale = locale;
        this.jsonFiles = java.util.List.of(DialogService.FileType.of(Localization.text(locale, "dialog.file.json"), "json"));
        this.errors = new FieldErrors(locale);
        // opens on the newest year shipped with the program (a downloaded table is opened as a file)
        library.years().stream().sorted(java.util.Comparator.reverseOrder())
                .filter(year -> PolicyEditorViewModel.class.getClassLoader().getResource("policy/" + year + ".json") != null)
                .findFirst().ifPresent(year -> source.set(String.valueOf(year)));
        selected.addListener((o, old, row) -> {
            selectedLabel.set(row == null ? "" : row.figure().label());
            if (old != null && row != null && old.figure().path().equals(row.figure().path())) {
                return; // the same value listed again after an entry: what was typed and its problem stay
            }
            value.set(row == null || row.figure().value() == null ? "" : row.figure().value());
            cite.set("");
            errors.clearField(VALUE_FIELD);
        });
    }

    public void useDialogs(DialogService service) {
        this.dialogs = service;
    }

    /** 打开: a year ("2026", a built-in table) or a table file. */
    public void open() {
        errors.clear("");
        String given = source.get() == null ? "" : source.get().strip();
        try {
            byte[] bytes;
            String origin;
            Path file = Path.of(given);
            if (given.matches("\\d{4}") && !Files.exists(file)) {
                origin = "policy/" + given + ".json";
                try (InputStream in = PolicyEditorViewModel.class.getClassLoader().getResourceAsStream(origin)) {
                    if (in == null) {
                        errors.show(SOURCE_FIELD, List.of(Problem.of("", "screen.policy.noBuiltIn", given,
                                library.yearsText())));
                        return;
                    }
                    bytes = in.readAllBytes();
                }
            } else {
                if (given.isEmpty() || !Files.isRegularFile(file)) {
                    errors.show(SOURCE_FIELD, List.of(Problem.of("", "screen.policy.noFile", given)));
                    return;
                }
                origin = file.toString();
                bytes = Files.readAllBytes(file);
            }
            draft = TableDraft.open(origin, bytes);
            base = library.table(draft.year() - 1).orElse(null);
            outputFile.set(file.isAbsolute() || Files.exists(file) ? file.toString() : "");
            refresh(Localization.format(locale, "screen.policy.opened", origin));
        } catch (PolicyTableException e) {
            errors.show(SOURCE_FIELD, List.of(Problem.of("", "screen.policy.problem", e.getMessage())));
        } catch (IOException e) {
            errors.show(SOURCE_FIELD, List.of(Problem.of("", "screen.policy.problem", String.valueOf(e.getMessage()))));
        }
    }

    /** 选择文件…: a table file through the dialog service, then opened. */
    public void chooseSource() {
        dialogs.chooseFileToOpen(Localization.text(locale, "screen.policy.chooseTable"), jsonFiles).ifPresent(file -> {
            source.set(file.toString());
            open();
        });
    }

    /** 生成下一年度草稿: the table open becomes the comparison, its next year the draft. */
    public void makeNextYear() {
        if (draft == null) {
            return;
        }
        TableDraft.Check current = draft.check();
        if (!current.valid()) {
            message.set(Localization.format(locale, "screen.policy.fixFirst", current.problem().getMessage()));
            return;
        }
        int year = draft.year() + 1;
        draft = TableDraft.nextYear(draft.origin(), draft.bytes(), year + ".json");
        base = current.table();
        outputFile.set("");
        refresh(Localization.format(locale, "screen.policy.drafted", year, base.year()));
    }

    /** 修改 (Enter in the value field): the county enters the selected value, recorded as the operator's. */
    public void apply() {
        FigureRow row = selected.get();
        if (draft == null || row == null) {
            return;
        }
        String path = row.figure().path();
        TableDraft.Check check = row.figure().kind() == TableDraft.Kind.NONE
                ? draft.confirm(path, operatorName, LocalDate.now(clock), cite.get())
                : draft.set(path, value.get(), operatorName, LocalDate.now(clock), cite.get());
        refresh(check.valid() ? Localization.format(locale, "screen.policy.entered", row.figure().label(),
                operatorName) : null);
        reselect(path);
    }

    /** 按原值核定: the county confirms the selected figure as it stands. */
    public void confirmSelected() {
        FigureRow row = selected.get();
        if (draft == null || row == null) {
            return;
        }
        String path = row.figure().path();
        TableDraft.Check check = draft.confirm(row.figure().figurePath(), operatorName, LocalDate.now(clock),
                cite.get());
        refresh(check.valid() ? Localization.format(locale, "screen.policy.confirmed", row.figure().label(),
                operatorName) : null);
        reselect(path);
    }

    /** The version field: e.g. "2027.1" when the county publishes. */
    public void applyVersion() {
        if (draft == null) {
            return;
        }
        draft.version(version.get());
        refresh(null);
    }

    private void reselect(String path) {
        figures.stream().filter(r -> r.figure().path().equals(path)).findFirst().ifPresent(selected::set);
    }

    /** Lists the figures with the loader's verdict, and the preview when the draft is valid. */
    private void refresh(String said) {
        TableDraft.Check check = draft.check();
        String problemPath = check.valid() ? null : check.figurePath();
        String problem = check.valid() ? null : check.problem().detail();
        figures.setAll(draft.figures().stream().map(figure -> new FigureRow(figure, standing(figure),
                figure.path().equals(problemPath) ? problem : null)).toList());
        version.set(draft.version());
        title.set(Localization.format(locale, "screen.policy.title", draft.year(), draft.version(), draft.origin()));
        hasTable.set(true);
        errors.clear("");
        if (!check.valid()) {
            if (check.figurePath() == null) {
                // the version or the sources: said by the version field
                errors.show(VERSION_FIELD, List.of(Problem.of("", "screen.policy.problem", problem)));
            } else if (selected.get() != null && check.figurePath().equals(selected.get().figure().path())) {
                errors.show(VALUE_FIELD, List.of(Problem.of("", "screen.policy.problem", problem)));
            }
            message.set(Localization.format(locale, "screen.policy.invalid", check.problem().getMessage()));
            // a preview of a table the loader refuses would show figures no counter could use
            preview.clear();
            previewTitle.set(Localization.text(locale, "screen.policy.previewAfterFix"));
            return;
        }
        if (said != null) {
            message.set(said);
        }
        if (base == null) {
            preview.clear();
            previewTitle.set(Localization.format(locale, "screen.policy.noBase", draft.year() - 1));
            return;
        }
        List<TablePreview.Row> rows = previewer.compare(base, check.table());
        preview.setAll(rows);
        previewTitle.set(Localization.format(locale, "screen.policy.previewTitle", base.year(), base.version(),
                check.table().year(), check.table().version(), rows.stream().filter(TablePreview.Row::changed).count(),
                rows.size()));
    }

    private String standing(TableDraft.Figure figure) {
        String words = Localization.text(locale, figure.standing().messageKey());
        if (figure.confirmedBy() != null && figure.confirmedOn() != null
                && figure.standing() != TableDraft.Standing.CARRIED) {
            return Localization.format(locale, "screen.policy.by", words, figure.confirmedBy(), figure.confirmedOn());
        }
        return words;
    }

    /** 选择… next to the key folder. */
    public void chooseKeyFolder() {
        dialogs.chooseFolder(Localization.text(locale, "screen.policy.keyFolder"))
                .ifPresent(folder -> keyFolder.set(folder.toString()));
    }

    /** 选择… next to the output file. */
    public void chooseOutputFile() {
        String proposed = draft == null ? "" : draft.year() + ".json";
        dialogs.chooseFileToSave(Localization.text(locale, "screen.policy.outputFile"), proposed, jsonFiles)
                .ifPresent(file -> outputFile.set(file.toString()));
    }

    /** 保存并签名: the table as it stands, checked, written with its signature beside, and read back verified. */
    public void saveAndSign() {
        if (draft == null) {
            return;
        }
        errors.clear(KEY_FOLDER_FIELD);
        errors.clear(OUTPUT_FIELD);
        TableDraft.Check check = draft.check();
        if (!check.valid()) {
            message.set(Localization.format(locale, "screen.policy.invalid", check.problem().getMessage()));
            return;
        }
        String folder = keyFolder.get() == null ? "" : keyFolder.get().strip();
        String out = outputFile.get() == null ? "" : outputFile.get().strip();
        if (folder.isEmpty()) {
            errors.show(KEY_FOLDER_FIELD, List.of(Problem.of("", "screen.policy.required")));
        }
        if (out.isEmpty()) {
            errors.show(OUTPUT_FIELD, List.of(Problem.of("", "screen.policy.required")));
        }
        if (folder.isEmpty() || out.isEmpty()) {
            message.set(Localization.text(locale, "screen.policy.notSaved"));
            return;
        }
        Path target = Path.of(out);
        if (Files.exists(target) && !dialogs.confirm(Localization.text(locale, "screen.policy.overwriteTitle"),
                Localization.format(locale, "screen.policy.overwrite", target),
                Localization.text(locale, "screen.policy.overwriteYes"), Localization.text(locale, "screen.policy.overwriteNo"))) {
            return;
        }
        canbao.policy.CountySigner signer;
        try {
            signer = SignedTableFiles.signer(Path.of(folder));
        } catch (PolicyTableException | IOException e) {
            errors.show(KEY_FOLDER_FIELD, List.of(Problem.of("", "screen.policy.problem", e.getMessage())));
            message.set(Localization.text(locale, "screen.policy.notSaved"));
            return;
        }
        try {
            SignedTableFiles.Saved saved = SignedTableFiles.save(draft.bytes(), target, signer);
            draft.origin(target.toString());
            title.set(Localization.format(locale, "screen.policy.title", draft.year(), draft.version(), draft.origin()));
            message.set(Localization.format(locale, "screen.policy.saved", saved.file(), saved.signature(),
                    saved.keyFingerprint()));
        } catch (PolicyTableException e) {
            errors.show(KEY_FOLDER_FIELD, List.of(Problem.of("", "screen.policy.problem", e.getMessage())));
            message.set(Localization.text(locale, "screen.policy.notSaved"));
        } catch (IOException e) {
            errors.show(OUTPUT_FIELD, List.of(Problem.of("", "screen.policy.problem", String.valueOf(e.getMessage()))));
            message.set(Localization.text(locale, "screen.policy.notSaved"));
        }
    }

    /** The preview's difference as read in the table: "+50", "−25.5", "0". */
    public String difference(TablePreview.Row row) {
        long fen = row.payableDifference().fen();
        return fen > 0 ? "+" + row.payableDifference() : fen < 0 ? "−" + canbao.model.Money.ZERO.minus(
                row.payableDifference()) : "0";
    }

    /** A quote as a cell: amount and start, or the refusal. */
    public String quoteText(MemberQuote quote) {
        if (!quote.eligible()) {
            return Localization.format(locale, "cli.policy.refused", quote.reason());
        }
        return quote.waitingMonths() == null
                ? Localization.format(locale, "cli.policy.quoted", quote.payable(), quote.benefitStart().toString())
                : Localization.format(locale, "cli.policy.quotedWaiting", quote.payable(),
                        quote.benefitStart().toString(), quote.waitingMonths());
    }

    /** What moved besides the amount: the start (days), the waiting months, the answer itself. */
    public String changeText(TablePreview.Row row) {
        List<String> parts = new java.util.ArrayList<>();
        if (row.eligibilityChanged()) {
            parts.add(Localization.text(locale, "screen.policy.change.eligibility"));
        }
        if (row.startShiftDays() != null && row.startShiftDays() != 0) {
            parts.add(Localization.format(locale, "screen.policy.change.start", row.startShiftDays()));
        }
        if (row.waitingChanged()) {
            parts.add(Localization.format(locale, "screen.policy.change.waiting",
                    row.before().waitingMonths() == null ? 0 : row.before().waitingMonths(),
                    row.after().waitingMonths() == null ? 0 : row.after().waitingMonths()));
        }
        if (row.note() != null) {
            parts.add(row.note());
        }
        return String.join("；", parts);
    }

    public String tierText(TablePreview.Row row) {
        return Localization.text(locale, row.tier().messageKey());
    }

    public FieldErrors errors() {
        return errors;
    }

    public StringProperty sourceProperty() {
        return source;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ObservableList<FigureRow> figures() {
        return figures;
    }

    public ObjectProperty<FigureRow> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty selectedLabelProperty() {
        return selectedLabel.getReadOnlyProperty();
    }

    public StringProperty valueProperty() {
        return value;
    }

    public StringProperty citeProperty() {
        return cite;
    }

    public StringProperty versionProperty() {
        return version;
    }

    public ObservableList<TablePreview.Row> preview() {
        return preview;
    }

    public ReadOnlyStringProperty previewTitleProperty() {
        return previewTitle.getReadOnlyProperty();
    }

    public StringProperty keyFolderProperty() {
        return keyFolder;
    }

    public StringProperty outputFileProperty() {
        return outputFile;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public BooleanProperty hasTableProperty() {
        return hasTable;
    }
}
