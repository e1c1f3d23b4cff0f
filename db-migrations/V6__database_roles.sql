-- Two database roles. This migration runs as the owner role (QUARKUS_FLYWAY_USERNAME), which owns every table; the
-- application connects as the runtime role (QUARKUS_DATASOURCE_USERNAME, Flyway placeholder runtime_role), which owns
-- nothing. The runtime role may read and write the work tables, including those that later migrations add (default
-- privileges of the owner), but may only append to the audit trail: an owner's ALTER TABLE ... DISABLE TRIGGER,
-- TRUNCATE or DROP is out of its reach, so the credentials the application holds cannot rewrite the record.
-- When both variables name the same role (a single-role installation) nothing is granted or revoked here: the
-- production start then refuses to run (ops/DatabaseRolesGuard) until the roles are separated.

-- The head refuses TRUNCATE too (a TRUNCATE would rewind it without touching a row trigger).
CREATE FUNCTION audit_chain_head_refuse_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_chain_head only moves forward: TRUNCATE is refused' USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_chain_head_no_truncate
    BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_refuse_truncate();

DO $$
DECLARE
    runtime TEXT := '${runtime_role}';
BEGIN
    IF runtime = '' OR runtime = current_user THEN
        RAISE NOTICE 'runtime role is the owner role (%): no privileges separated', current_user;
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = runtime) THEN
        RAISE EXCEPTION 'the runtime role % does not exist: create it first (README, "Database roles")', runtime;
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), runtime);
    -- Tables and sequences created later by this owner (later migrations) get the same, without a grant of their own.
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
        current_schema(), runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
        current_schema(), runtime);
    -- The migration history is the owner's business.
    EXECUTE format('REVOKE ALL ON flyway_schema_history FROM %I', runtime);
    -- The audit trail: append and read events; move the head (only its data columns; the row lock needs UPDATE).
    EXECUTE format('REVOKE ALL ON audit_event, audit_chain_head FROM %I', runtime);
    EXECUTE format('GRANT SELECT, INSERT ON audit_event TO %I', runtime);
    EXECUTE format('GRANT SELECT ON audit_chain_head TO %I', runtime);
    EXECUTE format('GRANT UPDATE (last_sequence, last_hash, updated_at) ON audit_chain_head TO %I', runtime);
END;
$$;
