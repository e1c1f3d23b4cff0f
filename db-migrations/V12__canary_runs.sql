-- Live canary runs: a synthetic conversation imported into the customer's own Dixa tenant, erased through the normal
-- pipeline as a CANARY ticket, and read back. The report holds Dixa's answers (status codes and error messages) to
-- the questions the specification leaves open; the data is synthetic, so they hold no personal data.
CREATE TABLE canary_run (
    id                    UUID PRIMARY KEY,
    state                 VARCHAR(16)   NOT NULL,            -- REQUESTED | ERASING | PASSED | FAILED
    requested_by          VARCHAR(255)  NOT NULL,
    requested_at          TIMESTAMPTZ   NOT NULL,
    started_at            TIMESTAMPTZ,
    finished_at           TIMESTAMPTZ,
    marker                VARCHAR(100)  NOT NULL,            -- synthetic text looked for after the erasure
    end_user_id           UUID,                              -- the synthetic end user made for the run
    conversation_id       BIGINT,                            -- the imported, closed conversation that is erased
    open_conversation_id  BIGINT,                            -- the open one asked about (409 without force)
    imported_at           TIMESTAMPTZ,
    ticket_id             UUID,
    ticket_ref            VARCHAR(128),
    failure               VARCHAR(1000),
    report                JSONB,
    version               BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX canary_run_requested_idx ON canary_run (requested_at);
-- At most one run under way, whoever triggers it (API or cron, on any replica).
CREATE UNIQUE INDEX canary_run_one_active ON canary_run ((true)) WHERE state IN ('REQUESTED', 'ERASING');
