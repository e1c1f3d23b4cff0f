-- Completed tickets still owing evidence, found by an index that holds only them: the evidence job asks every tick,
-- and an anti-join of every completed ticket with evidence_capture grows with history. EvidenceRecorder sets the flag
-- in the transaction that saves the evidence.
ALTER TABLE erasure_request ADD COLUMN evidence_captured BOOLEAN NOT NULL DEFAULT false;
UPDATE erasure_request SET evidence_captured = true WHERE id IN (SELECT request_id FROM evidence_capture);
CREATE INDEX erasure_request_evidence_due_idx ON erasure_request (completed_at, id)
    WHERE state = 'COMPLETED' AND NOT evidence_captured;

-- The evidence policy a capture followed (which conversations' activity logs were read), stated on the certificate.
-- Null for captures before this column: every conversation.
ALTER TABLE evidence_capture ADD COLUMN policy VARCHAR(300);
