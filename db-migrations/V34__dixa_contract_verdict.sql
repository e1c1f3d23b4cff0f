-- The Dixa contract self-check's verdict, shared by every replica (one row, id 1). Only definitive answers of Dixa
-- (route 200/401/404, token 200/401, status endpoint 404/401/403) change the decided checks; a transient answer (5xx,
-- timeout, 429, an empty local budget) is kept as the last attempt only, so the verdict shows DEGRADED and keeps the
-- decided checks up to DIXA_CONTRACT_MAX_VERDICT_AGE. The canary's part is read from canary_run, not stored here.
CREATE TABLE dixa_contract_verdict (
    id                   SMALLINT      PRIMARY KEY CHECK (id = 1),
    target               VARCHAR(600)  NOT NULL,   -- DIXA_API_URL and DIXA_API_VERSION the checks are about
    checks               JSONB         NOT NULL,   -- the last definitive answer of each check (ContractCheck list)
    attempt              JSONB         NOT NULL,   -- the last attempt's answer of each check, definitive or not
    attempted_at         TIMESTAMPTZ   NOT NULL,   -- the last time Dixa was asked, whatever it answered
    transient_reason     VARCHAR(1000),            -- the last attempt got no definitive answer: why; null otherwise
    red_since            TIMESTAMPTZ,              -- when the stored checks turned red; null while none failed
    acknowledged_red     VARCHAR(600),             -- which red an admin acknowledged (failed checks, canary run)
    acknowledged_by      VARCHAR(255),
    acknowledged_at      TIMESTAMPTZ,
    acknowledged_reason  VARCHAR(1000)             -- free text, scrubbed; the audit event carries its keyed hash
);
