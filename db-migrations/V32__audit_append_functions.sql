-- Appends to the audit trail go only through the database's own check. Two functions owned by the owner role and
-- run with its rights (SECURITY DEFINER) are the runtime role's only way to write an event, a checkpoint or the head:
-- an event must take the next sequence and link to the head's hash; a checkpoint must sign an event that exists with
-- that hash, lie after the newest checkpoint and name it as its previous one. The runtime role keeps SELECT and loses
-- INSERT on audit_event and audit_checkpoint and UPDATE on audit_chain_head, so it can no longer plant a checkpoint at
-- sequence 9e18 (which stopped signing for good) or an event at head + 1 (which made every later append fail), nor
-- push the head forward.

-- Locks the head row until the transaction ends (the runtime role may not SELECT ... FOR UPDATE it any more).
CREATE FUNCTION audit_chain_lock(OUT last_sequence BIGINT, OUT last_hash VARCHAR)
LANGUAGE sql SECURITY DEFINER AS $$
    SELECT h.last_sequence, h.last_hash FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE
$$;

CREATE FUNCTION audit_append_event(p_sequence BIGINT, p_occurred_at TIMESTAMPTZ, p_actor VARCHAR, p_request_id UUID,
        p_target_id UUID, p_type VARCHAR, p_detail JSONB, p_previous_hash VARCHAR, p_hash VARCHAR,
        p_hash_form SMALLINT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    head RECORD;
BEGIN
    SELECT h.last_sequence, h.last_hash INTO head FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
    IF p_sequence IS DISTINCT FROM head.last_sequence + 1 THEN
        RAISE EXCEPTION 'audit append refused: sequence % is not the next one (%)', p_sequence, head.last_sequence + 1
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_previous_hash IS DISTINCT FROM head.last_hash THEN
        RAISE EXCEPTION 'audit append refused: previous hash does not match the chain head'
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_hash_form IS DISTINCT FROM 2 OR p_hash !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'audit append refused: hash must be form 2, 64 lowercase hex characters'
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO audit_event (sequence, occurred_at, actor, request_id, target_id, type, detail, previous_hash, hash,
            hash_form)
    VALUES (p_sequence, p_occurred_at, p_actor, p_request_id, p_target_id, p_type, p_detail, p_previous_hash, p_hash,
            p_hash_form);
    UPDATE audit_chain_head SET last_sequence = p_sequence, last_hash = p_hash, updated_at = p_occurred_at
    WHERE id = 1;
END;
$$;

-- True when the checkpoint was added, false when that sequence is already signed (the caller then reads it).
CREATE FUNCTION audit_append_checkpoint(p_sequence BIGINT, p_hash VARCHAR, p_signed_at TIMESTAMPTZ,
        p_key_id VARCHAR, p_signature VARCHAR, p_previous_sequence BIGINT, p_previous_hash VARCHAR,
        p_previous_signature VARCHAR) RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    latest RECORD;
BEGIN
    -- One checkpoint writer at a time (writers of events do not wait for it).
    PERFORM pg_advisory_xact_lock(hashtext('audit_checkpoint'));
    IF NOT EXISTS (SELECT FROM audit_event e WHERE e.sequence = p_sequence AND e.hash = p_hash)
            OR p_sequence > (SELECT h.last_sequence FROM audit_chain_head h WHERE h.id = 1) THEN
        RAISE EXCEPTION 'checkpoint refused: no event % with that hash in the chain', p_sequence
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT c.sequence, c.hash, c.signature INTO latest FROM audit_checkpoint c ORDER BY c.sequence DESC LIMIT 1;
    IF FOUND AND latest.sequence = p_sequence THEN
        RETURN FALSE;
    END IF;
    IF FOUND AND latest.sequence > p_sequence THEN
        RAISE EXCEPTION 'checkpoint refused: sequence % is behind the newest checkpoint %', p_sequence, latest.sequence
            USING ERRCODE = 'check_violation';
    END IF;
    IF (NOT FOUND AND p_previous_sequence IS DISTINCT FROM 0)
            OR (FOUND AND (p_previous_sequence IS DISTINCT FROM latest.sequence
                OR p_previous_hash IS DISTINCT FROM latest.hash
                OR p_previous_signature IS DISTINCT FROM latest.signature)) THEN
        RAISE EXCEPTION 'checkpoint refused: it does not name the newest checkpoint as its previous one'
            USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO audit_checkpoint (sequence, hash, signed_at, key_id, signature, form, previous_sequence,
            previous_hash, previous_signature)
    VALUES (p_sequence, p_hash, p_signed_at, p_key_id, p_signature, 2, p_previous_sequence, p_previous_hash,
            p_previous_signature);
    RETURN TRUE;
END;
$$;

DO $$
DECLARE
    runtime TEXT := '${runtime_role}';
    fn TEXT;
BEGIN
    -- Tables are found in this schema only: a caller's temporary table cannot stand in for one.
    FOREACH fn IN ARRAY ARRAY['audit_chain_lock()',
            'audit_append_event(bigint, timestamptz, varchar, uuid, uuid, varchar, jsonb, varchar, varchar, smallint)',
            'audit_append_checkpoint(bigint, varchar, timestamptz, varchar, varchar, bigint, varchar, varchar)'] LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', fn, current_schema());
        EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', fn);
        IF runtime <> '' AND runtime <> current_user THEN
            EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', fn, runtime);
        END IF;
    END LOOP;
    IF runtime <> '' AND runtime <> current_user THEN
        EXECUTE format('REVOKE ALL ON audit_event, audit_chain_head, audit_checkpoint FROM %I', runtime);
        EXECUTE format('GRANT SELECT ON audit_event, audit_chain_head, audit_checkpoint TO %I', runtime);
    END IF;
END;
$$;
