-- The state gauges (ops/ErasureMetrics) count unsettled targets by state every 10 s per replica: an index-only scan of
-- this small partial index instead of every target row ever written.
CREATE INDEX erasure_target_unsettled_state_idx ON erasure_target (state) WHERE state NOT IN ('DONE', 'CANCELLED');
