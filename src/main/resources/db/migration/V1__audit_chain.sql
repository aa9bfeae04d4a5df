-- Append-only chain of compliance events. Each row's hash is SM3(previous hash || canonical content of the row),
-- so any later change to a row, or a deleted row, breaks the chain at that point (GET /api/audit/verify).
CREATE TABLE dsf_audit_event (
    seq          BIGINT       PRIMARY KEY,
    occurred_at  TIMESTAMPTZ  NOT NULL,
    event_type   VARCHAR(64)  NOT NULL,
    actor        VARCHAR(128),
    subject_type VARCHAR(64)  NOT NULL,
    subject_id   VARCHAR(128) NOT NULL,
    detail       TEXT         NOT NULL,
    prev_hash    CHAR(64)     NOT NULL,
    hash         CHAR(64)     NOT NULL UNIQUE
);

CREATE INDEX dsf_audit_event_subject ON dsf_audit_event (subject_type, subject_id);
CREATE INDEX dsf_audit_event_type_time ON dsf_audit_event (event_type, occurred_at);

-- Defence in depth: the application offers no update or delete path, and the database refuses one as well.
-- (A table owner can still disable the trigger; the hash chain is what detects that.)
CREATE FUNCTION dsf_audit_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'dsf_audit_event is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER dsf_audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON dsf_audit_event
    FOR EACH ROW EXECUTE FUNCTION dsf_audit_event_append_only();

CREATE TRIGGER dsf_audit_event_no_truncate
    BEFORE TRUNCATE ON dsf_audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION dsf_audit_event_append_only();
