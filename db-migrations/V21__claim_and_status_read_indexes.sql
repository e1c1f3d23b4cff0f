-- The claim query (pipeline.TargetClaims) orders claimable targets by priority, then by what finishes a ticket first
-- (a verification read, then a waiting-for-close recheck, then new work), then by due time. Without an index in that
-- order, every claim read every target of the ticket and sorted the due ones: 25 ms per claim at 20,000 targets,
-- which made a sweep's erasure CPU-bound on the database (measured by sweep.ScaleSweepBenchmark). With it, a claim
-- walks the index from the front and stops at the first due, unleased target of an IN_PROGRESS ticket (0.3 ms).
-- The CASE expression must stay identical to the one in TargetClaims.DUE for the planner to use this order.
CREATE INDEX erasure_target_claim_order_idx ON erasure_target (
    priority,
    (CASE state WHEN 'VERIFYING' THEN 0 WHEN 'WAITING_FOR_CLOSE' THEN 1 ELSE 2 END),
    next_attempt_at)
    WHERE state IN ('PENDING', 'ON_HOLD', 'WAITING_FOR_CLOSE', 'VERIFYING');

-- The status poller (pipeline.StatusReads) asks three questions before every read, and each scanned every target of
-- a sweep ticket (6-15 ms each at 20,000 targets, growing with the ticket; measured by sweep.ScaleSweepBenchmark).
-- Recent processing time: the last 50 targets whose processedAt the worker saw.
CREATE INDEX erasure_target_processed_seen_idx ON erasure_target (processed_seen_at DESC)
    WHERE processed_at IS NOT NULL AND initiated_at IS NOT NULL;
-- Overdue requests, in the order their own reads fall due.
CREATE INDEX erasure_target_awaiting_due_idx ON erasure_target (next_attempt_at) WHERE state = 'AWAITING_DIXA';
-- Dixa's FIFO order: the oldest request not yet overdue (a range from the overdue bound), then those without
-- initiatedAt (NULLs sort last) by acceptance. Replaces (initiated_at, id), which had to be read from its start.
CREATE INDEX erasure_target_awaiting_fifo_idx ON erasure_target (initiated_at, accepted_at, id)
    WHERE state = 'AWAITING_DIXA';
DROP INDEX erasure_target_awaiting_idx;
