-- The canary anonymizes its end user at the end of a run (the end-user path); such an end user is not reused, so a
-- later run's conversations never meet the cascade of an earlier run's end-user request.
ALTER TABLE canary_run ADD COLUMN end_user_anonymize_asked_at TIMESTAMPTZ;
