-- Checkpoints form a chain of their own: each one (form 2) names the checkpoint before it (sequence, hash and
-- signature) inside its signed statement, so deleting the newest checkpoints leaves the signer's last one (kept
-- outside the database, audit/CheckpointLog) unmatched, and deleting one in the middle breaks a link. Checkpoints
-- signed before this migration keep form 1 (no link). Adding columns rewrites no row.
ALTER TABLE audit_checkpoint
    ADD COLUMN form               SMALLINT     NOT NULL DEFAULT 1 CHECK (form IN (1, 2)),
    ADD COLUMN previous_sequence  BIGINT,
    ADD COLUMN previous_hash      VARCHAR(64),
    ADD COLUMN previous_signature VARCHAR(128);
