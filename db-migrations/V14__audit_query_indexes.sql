-- Audit and ticket queries that do not grow with the trail: one index per filter, each ending in the sort key, so a
-- filtered page is an ordered index range (keyset paging on sequence) instead of a scan and a sort.
-- (type, sequence) exists since V13 as audit_event_type_idx.
CREATE INDEX audit_event_actor_idx ON audit_event (actor, sequence);
-- A time range is answered from (occurred_at, sequence); the old single-column index becomes redundant.
CREATE INDEX audit_event_occurred_sequence_idx ON audit_event (occurred_at, sequence);
DROP INDEX audit_event_occurred_idx;

-- The ticket list is newest first with a (received_at, id) keyset.
CREATE INDEX erasure_request_received_id_idx ON erasure_request (received_at DESC, id DESC);
DROP INDEX erasure_request_received_idx;
CREATE INDEX erasure_request_source_received_idx ON erasure_request (source, received_at DESC, id DESC);
CREATE INDEX erasure_request_state_received_idx ON erasure_request (state, received_at DESC, id DESC);

-- A ticket's targets are paged in creation order, all of them or those in one state.
CREATE INDEX erasure_target_request_page_idx ON erasure_target (request_id, created_at, id);
CREATE INDEX erasure_target_request_state_idx ON erasure_target (request_id, state, created_at, id);
