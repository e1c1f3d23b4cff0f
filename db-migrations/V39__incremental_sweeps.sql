-- Incremental sweeps: the policy remembers the last cutoff a real run fully enumerated (with the channels it was
-- enumerated for), and a run walks ClosedDate in time windows, saving the window with each page so a crash resumes
-- where it stopped. See docs/sweeps.md.
ALTER TABLE retention_policy ADD COLUMN swept_until TIMESTAMPTZ;
ALTER TABLE retention_policy ADD COLUMN swept_channels TEXT;

ALTER TABLE sweep_run ADD COLUMN swept_from TIMESTAMPTZ;
ALTER TABLE sweep_run ADD COLUMN window_from TIMESTAMPTZ;
ALTER TABLE sweep_run ADD COLUMN window_to TIMESTAMPTZ;
ALTER TABLE sweep_run ADD COLUMN window_hits INT NOT NULL DEFAULT 0;
ALTER TABLE sweep_run ADD COLUMN page_size INT;
ALTER TABLE sweep_run ADD COLUMN search_calls INT NOT NULL DEFAULT 0;
ALTER TABLE sweep_run ADD COLUMN enumerated_until TIMESTAMPTZ;

-- Recheck before a sweep erases: a sweep ticket's targets are erased only while their conversation still reads closed,
-- last closed at or before this instant (the run's cutoff); otherwise they end REOPENED.
ALTER TABLE erasure_request ADD COLUMN closed_before TIMESTAMPTZ;
