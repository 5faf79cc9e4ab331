package canbao.store;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The first-run settings of a data folder (township, county code, operator) and its device id. */
public final class WorkplaceSettings {

    private static final Pattern COUNTY = Pattern.compile("\\d{6}");

    private final Database database;

    public WorkplaceSettings(Database database) {
        this.database = database;
    }

    public Optional<Workplace> load() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> {
            Optional<String> township = settings.get("township");
            Optional<String> county = settings.get("county");
            Optional<String> operator = settings.get("operator");
            if (township.isEmpty() || county.isEmpty() || operator.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Workplace(township.get(), county.get(), operator.get()));
        });
    }

    public static boolean isCountyCode(String county) {
        return county != null && COUNTY.matcher(county).matches();
    }

    /** Stores the settings; the device id is made once, on first save, and never changes. */
    public void save(Workplace workplace) {
        if (!isCountyCode(workplace.county())) {
            throw new IllegalArgumentException("county code must be 6 digits");
        }
        database.jdbi().useTransaction(handle -> {
            SettingsDao settings = handle.attach(SettingsDao.class);
            settings.put("township", workplace.township().strip());
            settings.put("county", workplace.county());
            settings.put("operator", workplace.operator().strip());
            if (settings.get("deviceId").isEmpty()) {
                settings.put("deviceId", UUID.randomUUID().toString());
            }
        });
    }

    /** The hub token this device was given (taken once with --token, then kept). */
    public Optional<String> hubToken() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> settings.get("hubToken"));
    }

    public void saveHubToken(String token) {
        database.jdbi().useExtension(SettingsDao.class, settings -> settings.put("hubToken", token.strip()));
    }

    /** The hub this counter uploads to (given on the Upload screen or to {@code sync --hub}). */
    public Optional<String> hubUrl() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> settings.get("hubUrl"));
    }

    public void saveHubUrl(String url) {
        database.jdbi().useExtension(SettingsDao.class, settings -> settings.put("hubUrl", url.strip()));
    }

    /**
     * Whom this counter trusts to be its hub: the certificate or CA the administrator pinned (after
     * comparing its fingerprint with the county's), and whether plain HTTP to another machine was allowed.
     */
    public canbao.sync.HubTrust hubTrust() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> new canbao.sync.HubTrust(
                settings.get(HUB_PIN).map(canbao.sync.HubTrust.Pin::decode).orElse(null),
                settings.get(PLAIN_HTTP).map("true"::equals).orElse(false)));
    }

    /** Keeps the hub certificate or CA the administrator {@code by} confirmed, in the audit log too. */
    public void saveHubPin(canbao.sync.HubTrust.Pin pin, String by) {
        String after = "{\"kind\":\"" + pin.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "\",\"fingerprint\":\"" + pin.fingerprint() + "\"}";
        audited(HUB_PIN, pin.encoded(), "change", after, by);
    }

    /**
     * Allows (or forbids again) plain {@code http://} to a hub on another machine — records and ID numbers
     * unencrypted on the way — as the administrator {@code by} decided; audited.
     */
    public void allowPlainHttp(boolean allowed, String by) {
        audited(PLAIN_HTTP, String.valueOf(allowed), "change",
                "{\"plainHttpAllowed\":" + allowed + "}", by);
    }

    private void audited(String key, String value, String action, String after, String by) {
        java.time.Instant at = java.time.Instant.now();
        database.jdbi().useTransaction(handle -> {
            int revision = handle.createQuery("SELECT count(*) FROM audit_log WHERE entity = 'setting' AND entity_id = ?")
                    .bind(0, key).mapTo(Integer.class).one() + 1;
            handle.attach(SettingsDao.class).put(key, value);
            new AuditLog(handle, false).append("setting", key, revision, action, after, by, at);
        });
    }

    private static final String HUB_PIN = "hubPin";
    private static final String PLAIN_HTTP = "hubPlainHttpAllowed";

    public Optional<String> deviceId() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> settings.get("deviceId"));
    }
}
