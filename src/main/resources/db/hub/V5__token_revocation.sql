-- A device's token can be revoked (hub token revoke --device): its hash stays with the time of the
-- revocation, so the device is told its token was withdrawn (ask the county) rather than that it is
-- unknown. A new token for the device (hub token) replaces the hash and clears the revocation.
ALTER TABLE device ADD COLUMN revoked_at VARCHAR(40);

-- County operators read the statistics (hub token --operator NAME): a bearer token each, only its
-- SHA-256 kept, revocable like a device's. An operator's token uploads nothing.
CREATE TABLE hub_operator (
    name       VARCHAR(100) PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_at VARCHAR(40) NOT NULL,
    revoked_at VARCHAR(40)
);
