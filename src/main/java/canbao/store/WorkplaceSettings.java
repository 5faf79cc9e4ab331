package canbao.store;

import canbao.model.Role;
import canbao.policy.CountyKey;
import canbao.policy.FieldRules;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The first-run settings of a data folder (township, county code, operator) and its device id. */
public final class WorkplaceSettings {

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

    /** Stores the settings; the device id is made once, on first save, and never changes. */
    public void save(Workplace workplace) {
        if (!FieldRules.isCountyCode(workplace.county())) {
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

    /** The settings key of the pinned county key document (its exact bytes, Base64). */
    static final String COUNTY_KEY = "countyKey";

    /**
     * The county key this counter pinned: only tables it signed are taken from the hub or the data
     * folder. Empty until an administrator pins one.
     */
    public Optional<CountyKey> countyKey() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> settings.get(COUNTY_KEY))
                .map(text -> CountyKey.parse("countyKey", Base64.getDecoder().decode(text)));
    }

    /**
     * Pins the county key (the administrator confirmed its fingerprint with the county), replacing any
     * before it, in the audit log with who and when, in one transaction. Only an active administrator
     * may: whoever pins the key decides which fees every later quote uses.
     *
     * @throws IllegalArgumentException when {@code login} is not an active administrator
     */
    public void pinCountyKey(CountyKey key, String login, Instant at) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("issuer", key.issuer());
        row.put("fingerprint", key.fingerprint());
        row.put("fromYear", key.fromYear());
        row.put("toYear", key.toYear());
        String after;
        try {
            after = JSON.writeValueAsString(row);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        audited("county_key", "county", COUNTY_KEY, Base64.getEncoder().encodeToString(key.document()), after,
                login, at, true);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

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
    public void saveHubPin(canbao.sync.HubTrust.Pin pin, String by, Instant at) {
        String after = "{\"kind\":\"" + pin.kind().name().toLowerCase(java.util.Locale.ROOT)
                + "\",\"fingerprint\":\"" + pin.fingerprint() + "\"}";
        audited("setting", HUB_PIN, HUB_PIN, pin.encoded(), after, by, at, false);
    }

    /**
     * Allows (or forbids again) plain {@code http://} to a hub on another machine — records and ID numbers
     * unencrypted on the way — as the administrator {@code by} decided; audited.
     */
    public void allowPlainHttp(boolean allowed, String by, Instant at) {
        audited("setting", PLAIN_HTTP, PLAIN_HTTP, String.valueOf(allowed), "{\"plainHttpAllowed\":" + allowed + "}",
                by, at, false);
    }

    /**
     * A setting changed by an operator and its audit entry, in one transaction (the revision counts the
     * entity's entries); with {@code adminOnly}, refused unless {@code by} is an active administrator.
     */
    private void audited(String entity, String entityId, String key, String value, String after, String by,
                         Instant at, boolean adminOnly) {
        database.jdbi().useTransaction(handle -> {
            if (adminOnly) {
                Optional<String> role = handle.createQuery("SELECT role FROM operator WHERE login = ? AND active = 1")
                        .bind(0, by).mapTo(String.class).findOne();
                if (!role.flatMap(Role::ofCode).map(Role::managesAccounts).orElse(false)) {
                    throw new IllegalArgumentException("only an administrator changes " + key);
                }
            }
            int revision = handle.createQuery("SELECT count(*) FROM audit_log WHERE entity = ? AND entity_id = ?")
                    .bind(0, entity).bind(1, entityId).mapTo(Integer.class).one() + 1;
            handle.attach(SettingsDao.class).put(key, value);
            new AuditLog(handle, false).append(entity, entityId, revision, revision == 1 ? "create" : "change",
                    after, by, at);
        });
    }

    /** Which identity-card reader the counter uses (issue 18): auto until an administrator chooses. */
    public canbao.device.ReaderChoice reader() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> settings.get(READER))
                .map(canbao.device.ReaderChoice::parse).orElse(canbao.device.ReaderChoice.AUTO);
    }

    /** Keeps the reader an administrator {@code by} chose, in the audit log too; only an administrator may. */
    public void saveReader(canbao.device.ReaderChoice choice, String by) {
        String after;
        try {
            after = JSON.writeValueAsString(Map.of("reader", choice.toString()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        audited("setting", READER, READER, choice.toString(), after, by, Instant.now(), true);
    }

    private static final String READER = "cardReader";
    private static final String HUB_PIN = "hubPin";
    private static final String PLAIN_HTTP = "hubPlainHttpAllowed";

    public Optional<String> deviceId() {
        return database.jdbi().withExtension(SettingsDao.class, settings -> settings.get("deviceId"));
    }
}
