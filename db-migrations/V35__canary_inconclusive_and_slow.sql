-- A canary run now ends PASSED, FAILED (Dixa answered wrongly) or INCONCLUSIVE (refused set-up, transient errors,
-- no processedAt within CANARY_TIMEOUT); "slow" marks a run whose erasure took longer than CANARY_SLOW_AFTER.
ALTER TABLE canary_run ADD COLUMN slow BOOLEAN NOT NULL DEFAULT FALSE;
COMMENT ON COLUMN canary_run.state IS 'REQUESTED | ERASING | PASSED | FAILED | INCONCLUSIVE';
