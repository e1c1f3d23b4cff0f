-- The console reads the latest event of one type (the last chain verification) and auditors filter events by type:
-- without this index both walk the whole chain backwards once it holds millions of events.
CREATE INDEX audit_event_type_idx ON audit_event (type, sequence);
-- The dashboard lists targets that need a person (FAILED) or wait for a conversation to close, newest change first.
CREATE INDEX erasure_target_attention_idx ON erasure_target (state, updated_at) WHERE state IN ('FAILED', 'WAITING_FOR_CLOSE');
