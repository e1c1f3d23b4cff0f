-- Until when a target only reads before it asks Dixa to anonymize again (issue 20, no blind repeats): set when an
-- anonymize call got no usable answer (a timeout, a 5xx, a 202 without a request id: Dixa may have accepted it) and
-- when Dixa answered 409 for a conversation that reads closed but not anonymized (a request is likely queued). Null
-- once Dixa's answer is known (a request id, an anonymized read, an earlier request followed).
ALTER TABLE erasure_target ADD COLUMN unconfirmed_until timestamptz;
