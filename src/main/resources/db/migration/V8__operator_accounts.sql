-- Operator accounts: who may sign in and with which role. Passwords are not here (nor anywhere in
-- clear): each active operator has a slot in keyring.json that wraps the database key. Accounts are
-- disabled, never deleted, so a login in old records and the audit log always names one person.
CREATE TABLE operator (
    login       TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'cadre')),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL
);
