-- A ConversationClosed event from Dixa names only the conversation: find the targets (end users, conversations,
-- messages) waiting for it without walking every covered-conversation row.
CREATE INDEX erasure_target_conversation_by_conversation_idx ON erasure_target_conversation (conversation_id);
CREATE INDEX erasure_target_waiting_idx ON erasure_target (conversation_id) WHERE state = 'WAITING_FOR_CLOSE';
