-- The console reads the latest event of one type (the last chain verification) and auditors filter events by type:
-- without this index both walk the whole chain backwards once it holds millions of events.
CREATE INDEX audit_event_type_idx ON audit_event (type, sequence);
-- The dashboard lists targets that need a person (FAILED) or wait for a conversation to close, newest change first.
CREATE INDEX erasure_target_attention_idx ON erasure_target (state, updated_at) WHERE state IN ('FAILED', 'WAITING_FOR_CLOSE');
-- The dashboard's Dixa budget chart counts the last hour's calls per minute and its 429s: index-only scans of these
-- two small partial indexes instead of reading every event's JSON detail.
CREATE INDEX audit_event_dixa_call_idx ON audit_event (occurred_at) WHERE type = 'DIXA_CALL';
CREATE INDEX audit_event_dixa_429_idx ON audit_event (occurred_at) WHERE type = 'DIXA_CALL' AND (detail->>'status') = '429';
