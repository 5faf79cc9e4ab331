package canbao.gui.upload;

import canbao.gui.common.FieldErrors;
import canbao.gui.common.TaskExecutor;
import canbao.model.Localization;
import canbao.model.OutboxEntry;
import canbao.model.Problem;
import canbao.policy.CountyKey;
import canbao.policy.PolicyTableException;
import canbao.store.OutboxQueue;
import canbao.store.WorkplaceSettings;
import canbao.sync.HubTrust;
import canbao.sync.PolicyDownload;
import canbao.sync.UploadService;
import canbao.sync.Uploader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * 上传: where the counter uploads (hub address and device token), the connectivity check, the
 * end-of-shift upload with its progress, and every queued record with where it stands — a rejected
 * one with the hub's reason and a way to open its household and fix it. Background rounds (run by
 * {@link UploadService}) report here too, quietly.
 */
public class UploadViewModel {

    /** Rows listed at most (the newest delivered ones beyond this are not shown). */
    static final int LISTED = 1000;
    private static final Duration END_OF_SHIFT_LIMIT = Duration.ofMinutes(10);
    /** The end-of-shift upload gives up after this many failed tries in a row (≈ 4 s of backoff). */
    private static final int GIVE_UP_AFTER = 3;
    /** Set by 取消, read by the uploading thread between batches and during its waits. */
    private volatile boolean cancelRequested;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final UploadService uploads;
    private final OutboxQueue outbox;
    private final WorkplaceSettings settings;
    private final TaskExecutor tasks;
    private final Clock clock;
    private final Locale locale;
    private final Consumer<String> openHousehold;
    private final FieldErrors errors;

    private final String operator;
    private final StringProperty hubUrl = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper countyKey = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countyKeyCandidate = new ReadOnlyStringWrapper("");
    private final StringProperty countyKeyFingerprint = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper countyKeyLoaded = new ReadOnlyBooleanWrapper(false);
    /** The key file loaded and not yet pinned (its fingerprint waits for the administrator's confirmation). */
    private CountyKey candidate;
    /** What the start left out of the data folder's tables (said until a download says more). */
    private String folderNews = "";
    private final StringProperty token = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper tokenPrompt = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper background = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper policy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tabTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper configurable = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty showAll = new SimpleBooleanProperty(false);
    private final BooleanProperty allowPlainHttp = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper certificate = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper confirmable = new ReadOnlyBooleanWrapper(false);
    /** The certificate the hub presented to 获取证书, and the address it came from, until confirmed. */
    private volatile java.security.cert.X509Certificate presented;
    private volatile String presentedBy;
    private final ObservableList<OutboxEntry> entries = FXCollections.observableArrayList();
    private final ObjectProperty<OutboxEntry> selected = new SimpleObjectProperty<>();

    /**
     * @param mayConfigure whether this operator may change the hub address and token (administrators
     *                     only: whoever sets them decides where every record of the counter is sent)
     */
    public UploadViewModel(UploadService uploads, OutboxQueue outbox, WorkplaceSettings settings, TaskExecutor tasks,
                           Clock clock, Locale locale, boolean mayConfigure, String operator,
                           Consumer<String> openHousehold) {
        this.configurable.set(mayConfigure);
        this.operator = operator;
        this.uploads = uploads;
        this.outbox = outbox;
        this.settings = settings;
        this.tasks = tasks;
        this.clock = clock;
        this.locale = locale;
        this.openHousehold = openHousehold;
        this.errors = new FieldErrors(locale);
        tabTitle.set(text("screen.upload"));
        showAll.addListener((o, old, value) -> refresh());
        uploads.onProgress(this::answered);
    }

    /** Fills the connection fields from the settings and lists the outbox. */
    public void load() {
        tasks.execute(() -> new Saved(settings.hubUrl().orElse(""), settings.hubToken().isPresent(),
                settings.countyKey(), settings.hubTrust()), saved -> {
            hubUrl.set(saved.url());
            showPinned(saved.countyKey());
            allowPlainHttp.set(saved.trust().plainHttpAllowed());
            showPin(saved.trust());
            tokenPrompt.set(text(saved.hasToken() ? "upload.token.prompt.saved" : "upload.token.prompt"));
            if (saved.url().isEmpty() || !saved.hasToken()) {
                connection.set(text("upload.notConfigured"));
            }
        }, this::failed);
        refresh();
    }

    private record Saved(String url, boolean hasToken, java.util.Optional<CountyKey> countyKey, HubTrust trust) {
    }

    private void showPinned(java.util.Optional<CountyKey> pinned) {
        countyKey.set(pinned.map(key -> Localization.format(locale, "upload.countyKey.pinned", key.issuer(),
                key.fromYear(), key.toYear(), key.fingerprint())).orElse(text("upload.countyKey.none")));
    }

    /**
     * The administrator chose the county's key file: it is read and its fingerprint shown, to be compared
     * with the county by phone; nothing is pinned until the fingerprint is confirmed.
     */
    public void loadCountyKey(java.nio.file.Path file) {
        errors.clearField("countyKeyFingerprint");
        if (!configurable.get()) {
            status.set(text("countyKey.adminOnly"));
            return;
        }
        try {
            candidate = canbao.cli.CountyKeyFiles.readKeyDocument(file);
        } catch (PolicyTableException e) {
            candidate = null;
            countyKeyLoaded.set(false);
            countyKeyCandidate.set(e.getMessage());
            return;
        } catch (java.io.IOException e) {
            candidate = null;
            countyKeyLoaded.set(false);
            countyKeyCandidate.set(Localization.format(locale, "countyKey.missingFile", file));
            return;
        }
        countyKeyLoaded.set(true);
        countyKeyFingerprint.set("");
        countyKeyCandidate.set(Localization.format(locale, "upload.countyKey.loaded", candidate.issuer(),
                candidate.fromYear(), candidate.toYear(), candidate.fingerprint()));
    }

    /**
     * Pins the loaded key when the fingerprint typed (as the county read it out) is its own; otherwise
     * names the fingerprint field and pins nothing. Audited with the administrator's login.
     */
    public boolean pinCountyKey() {
        if (!configurable.get()) {
            status.set(text("countyKey.adminOnly"));
            return false;
        }
        errors.clearField("countyKeyFingerprint");
        if (candidate == null) {
            errors.show("countyKeyFingerprint", List.of(Problem.of("", "upload.countyKey.noFile")));
            return false;
        }
        if (!candidate.matches(countyKeyFingerprint.get())) {
            errors.show("countyKeyFingerprint", List.of(Problem.of("", "upload.countyKey.mismatch")));
            return false;
        }
        try {
            settings.pinCountyKey(candidate, operator, clock.instant());
        } catch (IllegalArgumentException notAnAdministrator) {
            status.set(text("countyKey.adminOnly"));
            return false;
        }
        showPinned(java.util.Optional.of(candidate));
        status.set(Localization.format(locale, "countyKey.pinned", candidate.issuer(), candidate.fingerprint()));
        candidate = null;
        countyKeyLoaded.set(false);
        countyKeyCandidate.set("");
        countyKeyFingerprint.set("");
        return true;
    }

    /**
     * The data folder's tables the start left out (changed after download, signed by another key, or no
     * key pinned): said on this screen, where downloads are reported too.
     */
    public void folderRefused(List<String> reasons) {
        folderNews = reasons.isEmpty() ? "" : Localization.format(locale, "policy.folder.refused",
                String.join("；", reasons));
        policy.set(folderNews);
    }

    private void showPin(HubTrust trust) {
        certificate.set(trust.pin() == null ? text("upload.certificate.none")
                : Localization.format(locale, trust.pin().kind() == HubTrust.Pin.Kind.CA
                ? "upload.certificate.pinnedCa" : "upload.certificate.pinned", trust.pin().fingerprint()));
    }

    /**
     * 获取证书: reads the certificate the hub at the typed https:// address presents (no request is sent)
     * and shows its SHA-256 fingerprint in groups of four, for the administrator to read out to the county
     * by phone before confirming it.
     */
    public void fetchCertificate() {
        if (!configurable.get()) {
            status.set(text("upload.adminOnly"));
            return;
        }
        String url = hubUrl.get() == null ? "" : hubUrl.get().strip();
        errors.clear("");
        if (!isHubUrl(url) || !url.toLowerCase(Locale.ROOT).startsWith("https://")) {
            errors.show("hubUrl", List.of(Problem.of("", "hubTrust.fetchNeedsHttps")));
            return;
        }
        presented = null;
        confirmable.set(false);
        certificate.set(text("upload.certificate.fetching"));
        tasks.execute(() -> HubTrust.presented(URI.create(url), FETCH_TIMEOUT).get(0), seen -> {
            presented = seen;
            presentedBy = url;
            confirmable.set(true);
            certificate.set(Localization.format(locale, "upload.certificate.presented", HubTrust.fingerprint(seen)));
        }, failure -> certificate.set(Localization.format(locale, "upload.certificate.fetchFailed", reason(failure))));
    }

    /**
     * 确认证书: the administrator compared the fingerprint with the county's; from now on the counter talks
     * only to a hub presenting exactly this certificate. Kept in the encrypted data and the audit log.
     */
    public boolean confirmCertificate() {
        if (!configurable.get()) {
            status.set(text("upload.adminOnly"));
            return false;
        }
        java.security.cert.X509Certificate seen = presented;
        String url = hubUrl.get() == null ? "" : hubUrl.get().strip();
        if (seen == null || !url.equals(presentedBy)) {
            status.set(text("upload.certificate.nothingToConfirm"));
            return false;
        }
        HubTrust.Pin pin = new HubTrust.Pin(HubTrust.Pin.Kind.CERTIFICATE, seen);
        settings.saveHubPin(pin, operator, clock.instant());
        presented = null;
        confirmable.set(false);
        showPin(settings.hubTrust());
        status.set(text("upload.certificate.confirmed"));
        return true;
    }

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    /** Checks and keeps the hub address and (when typed) a new token. Nothing is kept if either is wrong. */
    public boolean saveConnection() {
        if (!configurable.get()) {
            status.set(text("upload.adminOnly"));
            return false;
        }
        String url = hubUrl.get() == null ? "" : hubUrl.get().strip();
        String typed = token.get() == null ? "" : token.get().strip();
        errors.clear("");
        if (!isHubUrl(url)) {
            errors.show("hubUrl", List.of(Problem.of("", "upload.hubUrl.invalid")));
        }
        boolean tokenSaved = settings.hubToken().isPresent();
        if (typed.isEmpty() && !tokenSaved) {
            errors.show("token", List.of(Problem.of("", "upload.token.missing")));
        }
        if (!errors.isEmpty()) {
            return false;
        }
        settings.saveHubUrl(url);
        if (allowPlainHttp.get() != settings.hubTrust().plainHttpAllowed()) {
            settings.allowPlainHttp(allowPlainHttp.get(), operator, clock.instant());
        }
        if (!typed.isEmpty()) {
            settings.saveHubToken(typed);
            token.set("");
            tokenPrompt.set(text("upload.token.prompt.saved"));
        }
        status.set(text("upload.saved"));
        try {
            // kept, but said at once: an address the counter will refuse to send to (before any upload)
            settings.hubTrust().requireAllowed(URI.create(url));
        } catch (HubTrust.Untrusted untrusted) {
            connection.set(untrusted.getMessage());
        }
        return true;
    }

    static boolean isHubUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The connectivity check, off the UI thread. */
    public void check() {
        // an operator who may not change the connection checks the one saved
        if (configurable.get() ? !saveConnection() : settings.hubUrl().isEmpty() || settings.hubToken().isEmpty()) {
            if (!configurable.get()) {
                connection.set(text("upload.notConfigured"));
            }
            return;
        }
        connection.set(text("upload.checking"));
        tasks.execute(() -> {
            uploads.check();
            return true;
        }, ok -> connection.set(Localization.format(locale, "upload.reachable", settings.hubUrl().orElse(""))),
                failure -> connection.set(Localization.format(locale, "upload.unreachable", reason(failure))));
    }

    /**
     * The end-of-shift upload: sends everything pending now, then shows what is left. Any operator may
     * press it with the connection the administrator saved; only an administrator's typed changes are
     * kept first. A hub that does not answer is said within seconds, and 取消 stops it.
     */
    public void uploadNow() {
        if (busy.get()) {
            return;
        }
        if (configurable.get()) {
            if (!saveConnection()) {
                return;
            }
        } else if (settings.hubUrl().isEmpty() || settings.hubToken().isEmpty()) {
            status.set(text("upload.adminSavesConnection"));
            return;
        }
        cancelRequested = false;
        busy.set(true);
        progress.set(0);
        progressText.set("");
        status.set(text("upload.uploading"));
        tasks.executeLong(() -> {
            // fail fast: a hub that does not answer its health check is not sent ten minutes of retries
            uploads.check();
            Uploader.Summary summary = uploads.uploadNow(END_OF_SHIFT_LIMIT, GIVE_UP_AFTER, () -> cancelRequested);
            PolicyDownload.Result policies;
            try {
                policies = uploads.fetchPolicies();
            } catch (java.io.IOException e) {
                policies = null; // the upload went through; the tables come with the next round
            }
            return new Done(summary, policies);
        }, done -> {
            busy.set(false);
            Uploader.Summary summary = done.summary();
            int answered = summary.uploaded() + summary.duplicate() + summary.rejected() + summary.conflict();
            if (summary.stoppedBy() != null) {
                status.set(Localization.format(locale, answered == 0 ? "upload.nothingSent" : "upload.stopped",
                        summary.stoppedBy()));
            } else if (answered == 0 && summary.pending() > 0) {
                status.set(Localization.format(locale, "upload.nothingSent", text("hubFailure.other")));
            } else {
                status.set(Localization.format(locale, "upload.done", summary.uploaded(), summary.duplicate(),
                        summary.rejected(), summary.conflict(), summary.pending()));
            }
            policyNews(done.policies());
            if (summary.pending() == 0) {
                progress.set(1);
            }
            refresh();
        }, failure -> {
            busy.set(false);
            status.set(Localization.format(locale, "upload.nothingSent", reason(failure)));
            refresh();
        });
    }

    /** 取消: the running upload stops after the batch on the way (what the hub answered stays answered). */
    public void cancel() {
        if (busy.get()) {
            cancelRequested = true;
            status.set(text("upload.cancelling"));
        }
    }

    private record Done(Uploader.Summary summary, PolicyDownload.Result policies) {
    }

    /** Says which policy tables came down (used from the next start) or were refused. */
    private void policyNews(PolicyDownload.Result policies) {
        if (policies == null || policies.fetched().isEmpty() && policies.refused().isEmpty()) {
            return;
        }
        StringBuilder news = new StringBuilder(folderNews);
        if (!policies.fetched().isEmpty()) {
            news.append(news.isEmpty() ? "" : "；");
            news.append(Localization.format(locale, "policy.download.fetched", policies.fetched().stream()
                    .map(t -> t.year() + "（" + t.version() + "）").collect(Collectors.joining("、"))));
        }
        if (!policies.refused().isEmpty()) {
            news.append(news.isEmpty() ? "" : "；").append(Localization.format(locale, "policy.download.refused",
                    policies.refused().stream().map(PolicyDownload.Refused::reason).collect(Collectors.joining("；"))));
        }
        policy.set(news.toString());
    }

    /** Progress of whichever upload is running (called on the uploading thread). */
    private void answered(int done, long total) {
        tasks.onUi(() -> {
            progress.set(total == 0 ? 1 : (double) done / total);
            progressText.set(Localization.format(locale, "upload.progress", done, total));
        });
    }

    /** What a background round did, in one quiet line (called on the background thread). */
    public void backgroundRound(UploadService.Round round) {
        tasks.onUi(() -> {
            String at = LocalTime.now(clock).format(TIME);
            policyNews(round.policies());
            switch (round.outcome()) {
                case UPLOADED -> {
                    Uploader.Summary summary = round.summary();
                    background.set(Localization.format(locale, "upload.background.done", at,
                            summary.uploaded() + summary.duplicate(), summary.pending()));
                    refresh();
                }
                case UNREACHABLE -> {
                    background.set(Localization.format(locale, "upload.background.unreachable", at));
                    refreshCounts();
                }
                default -> refreshCounts();
            }
        });
    }

    /** Lists the outbox again and recounts. */
    public void refresh() {
        boolean all = showAll.get();
        tasks.execute(() -> outbox.entries(all, LISTED), listed -> {
            OutboxEntry was = selected.get();
            entries.setAll(listed);
            if (was != null) {
                listed.stream().filter(e -> e.seq() == was.seq()).findFirst().ifPresent(selected::set);
            }
        }, this::failed);
        refreshCounts();
    }

    private void refreshCounts() {
        tasks.execute(outbox::counts, this::showCounts, this::failed);
    }

    private void showCounts(Map<String, Long> byStatus) {
        long pending = byStatus.get("pending");
        long parked = byStatus.get("rejected") + byStatus.get("conflict");
        counts.set(Localization.format(locale, "upload.counts", pending, byStatus.get("rejected"),
                byStatus.get("conflict"), byStatus.get("uploaded") + byStatus.get("duplicate"),
                byStatus.get(OutboxQueue.SUPERSEDED)));
        tabTitle.set(pending + parked == 0 ? text("screen.upload")
                : Localization.format(locale, "upload.tabTitle", pending, parked));
    }

    /** Opens the selected record's household on the enrolment screen, to fix what the hub refused. */
    public void openSelected() {
        OutboxEntry entry = selected.get();
        if (entry == null) {
            status.set(text("upload.nothingSelected"));
        } else if (entry.householdId() == null) {
            status.set(text("upload.noHousehold"));
        } else {
            openHousehold.accept(entry.householdId());
        }
    }

    /**
     * Puts the selected rejected record back in the queue, unchanged (once its cause was put right);
     * a conflict needs the household corrected instead.
     */
    public void retrySelected() {
        OutboxEntry entry = selected.get();
        if (entry == null) {
            status.set(text("upload.nothingSelected"));
        } else if (!entry.status().equals("rejected")) {
            status.set(text(entry.status().equals("conflict") ? "upload.retry.conflict" : "upload.retry.notRejected"));
        } else {
            tasks.execute(() -> outbox.retry(List.of(entry.seq())), count -> {
                status.set(text("upload.retry.queued"));
                refresh();
            }, this::failed);
        }
    }

    public String statusText(OutboxEntry entry) {
        return text("upload.status." + entry.status());
    }

    public String entityText(OutboxEntry entry) {
        return text("upload.entity." + entry.entity());
    }

    /** The hub's reason for a parked record; for a pending one, why the last attempt failed. */
    public String reasonText(OutboxEntry entry) {
        return entry.hubMessage() == null ? "" : entry.hubMessage();
    }

    private void failed(Throwable failure) {
        status.set(reason(failure));
    }

    private String reason(Throwable failure) {
        if (failure instanceof UploadService.NotConfigured) {
            return text("upload.notConfigured");
        }
        return canbao.sync.HubFailure.describe(failure, locale);
    }

    private String text(String key) {
        return Localization.text(locale, key);
    }

    public StringProperty hubUrlProperty() {
        return hubUrl;
    }

    /** The county key pinned now (issuer, years, fingerprint), or that none is. */
    public ReadOnlyStringProperty countyKeyProperty() {
        return countyKey.getReadOnlyProperty();
    }

    /** The key file loaded and waiting for its fingerprint to be confirmed (or why it cannot be used). */
    public ReadOnlyStringProperty countyKeyCandidateProperty() {
        return countyKeyCandidate.getReadOnlyProperty();
    }

    /** The fingerprint as the county reads it out by phone. */
    public StringProperty countyKeyFingerprintProperty() {
        return countyKeyFingerprint;
    }

    public ReadOnlyBooleanProperty countyKeyLoadedProperty() {
        return countyKeyLoaded.getReadOnlyProperty();
    }

    public StringProperty tokenProperty() {
        return token;
    }

    public ReadOnlyStringProperty tokenPromptProperty() {
        return tokenPrompt.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty backgroundProperty() {
        return background.getReadOnlyProperty();
    }

    /** News of policy tables downloaded from the hub. */
    public ReadOnlyStringProperty policyProperty() {
        return policy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty tabTitleProperty() {
        return tabTitle.getReadOnlyProperty();
    }

    /** Whether the hub address and token may be changed by this operator (administrators only). */
    public ReadOnlyBooleanProperty configurableProperty() {
        return configurable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Whether plain http:// to another machine is allowed (the administrator's, audited when saved). */
    public BooleanProperty allowPlainHttpProperty() {
        return allowPlainHttp;
    }

    /** The confirmed hub certificate's fingerprint, or the one fetched and waiting for confirmation. */
    public ReadOnlyStringProperty certificateProperty() {
        return certificate.getReadOnlyProperty();
    }

    /** Whether a fetched certificate waits for 确认证书. */
    public ReadOnlyBooleanProperty confirmableProperty() {
        return confirmable.getReadOnlyProperty();
    }

    public BooleanProperty showAllProperty() {
        return showAll;
    }

    public ObservableList<OutboxEntry> entries() {
        return entries;
    }

    public ObjectProperty<OutboxEntry> selectedProperty() {
        return selected;
    }

    public FieldErrors errors() {
        return errors;
    }
}
