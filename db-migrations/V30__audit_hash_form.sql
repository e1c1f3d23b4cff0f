-- Each audit event names the form its hash was computed in (audit/CanonicalEvent, docs/verifying-proof.md):
-- 1 = the original unit-separated form, kept for every event written before this migration so the chain stays valid;
-- 2 = SHA-256 of the event's RFC 8785 canonical JSON, the documented form every new event uses. Adding a column with a
-- constant default rewrites no row (the append-only triggers are not involved).
ALTER TABLE audit_event ADD COLUMN hash_form SMALLINT NOT NULL DEFAULT 1;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_hash_form_known CHECK (hash_form IN (1, 2));
