-- Fenced claims: each claim of a target gets its own token; a save carrying another token is stale and discarded.
ALTER TABLE erasure_target ADD COLUMN claim_token UUID;
-- A target whose conversation another live target already asked Dixa about follows that target's request.
ALTER TABLE erasure_target ADD COLUMN follows_target_id UUID;

-- The conversations a target touches (all of an end user's, or the conversation of a conversation/message target),
-- one row each: what Dixa showed, and the effects the worker had on it, so a note or close is never repeated and
-- any number of open conversations fits (the bounded waiting_reason only summarises).
ALTER TABLE erasure_target_conversation ADD COLUMN note_posted_at TIMESTAMPTZ;
ALTER TABLE erasure_target_conversation ADD COLUMN closed_at TIMESTAMPTZ;

-- Overlap lookups: which live target already covers a conversation.
CREATE INDEX erasure_target_conversation_idx ON erasure_target (conversation_id)
    WHERE conversation_id IS NOT NULL AND state NOT IN ('DONE', 'FAILED', 'CANCELLED');
