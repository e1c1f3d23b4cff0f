-- Holds that hold (controls/HoldResolution): the Dixa end users an e-mail or phone hold resolved to, found when the
-- hold was placed and by the daily re-resolution. Only ids: the address itself is never stored (its keyed hash is on
-- legal_hold.subject_hash).
CREATE TABLE legal_hold_end_user (
    hold_id      UUID         NOT NULL REFERENCES legal_hold (id) ON DELETE CASCADE,
    end_user_id  UUID         NOT NULL,
    found_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (hold_id, end_user_id)
);
CREATE INDEX legal_hold_end_user_user ON legal_hold_end_user (end_user_id);

-- Console sessions kept server-side (signin/ConsoleSessions): the session cookie alone is not enough, its id (stored
-- only as a SHA-256) must name a row that is neither ended (signed out) nor older than CONSOLE_SESSION_MAX_AGE.
CREATE TABLE console_session (
    id_hash     VARCHAR(64)   PRIMARY KEY,
    person      VARCHAR(255)  NOT NULL,
    started_at  TIMESTAMPTZ   NOT NULL,
    ended_at    TIMESTAMPTZ
);
CREATE INDEX console_session_started ON console_session (started_at);
