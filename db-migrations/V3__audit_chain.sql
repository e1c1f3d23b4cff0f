-- The audit chain's head (last sequence and hash) in one row: appending an event locks it, so concurrent writers on
-- several replicas still produce one unbroken chain. And the database itself keeps audit_event append-only.

CREATE TABLE audit_chain_head (
    id             SMALLINT     PRIMARY KEY CHECK (id = 1),
    last_sequence  BIGINT       NOT NULL,
    last_hash      VARCHAR(64)  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);
INSERT INTO audit_chain_head (id, last_sequence, last_hash, updated_at)
VALUES (1, 0, repeat('0', 64), now());

CREATE FUNCTION audit_event_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();

-- The head may move forward only: no deletion, and no going back.
CREATE FUNCTION audit_chain_head_forward_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.last_sequence < OLD.last_sequence THEN
        RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER audit_chain_head_forward
    BEFORE UPDATE OR DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_forward_only();
