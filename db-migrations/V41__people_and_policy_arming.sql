-- Four-eyes by person (controls/FourEyes, signin/People).
-- Who changed the retention policy, and whether the change left it allowing real runs: a sweep's ticket counts as
-- submitted by the person who last changed the policy to allow real runs and by everyone who changed it since the
-- last approved sweep, and none of them may approve it.
CREATE TABLE retention_policy_change (
    id                BIGSERIAL     PRIMARY KEY,
    changed_by        VARCHAR(255)  NOT NULL,   -- a person id (signin/People)
    changed_at        TIMESTAMPTZ   NOT NULL,
    allows_real_runs  BOOLEAN       NOT NULL    -- enabled and not dry run after this change
);
CREATE INDEX retention_policy_change_at ON retention_policy_change (changed_at);

-- The display name last seen for each person id (staff, not data subjects): pages show it next to the id.
CREATE TABLE person (
    id            VARCHAR(255)  PRIMARY KEY,
    display_name  VARCHAR(255)  NOT NULL,
    seen_at       TIMESTAMPTZ   NOT NULL
);
