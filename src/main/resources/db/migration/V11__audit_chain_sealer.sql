-- The audit chain off the critical path (issue 16). Before: every append took one global advisory lock, read the
-- head and hashed, holding the lock to its transaction's end, so all compliance work queued on one lock (on every
-- node). Now an append is a plain INSERT numbered by a sequence; one sealer at a time (advisory lock, any node) links
-- committed rows into the SM3 chain in sequence order, giving each its gap-free chain position, prev_hash and hash.
--
-- seq      append number: unique, increasing, may have gaps (rolled-back appends); the order the sealer takes rows in.
-- position chain position: 1, 2, 3 … without gaps, set once by the sealer; what the hash covers and verify counts.
-- Rows written before this migration were chained with position = seq, so their hashes stay valid unchanged.
ALTER TABLE dsf_audit_event DISABLE TRIGGER dsf_audit_event_no_update_or_delete;
ALTER TABLE dsf_audit_event ADD COLUMN position BIGINT UNIQUE;
UPDATE dsf_audit_event SET position = seq;
ALTER TABLE dsf_audit_event ENABLE TRIGGER dsf_audit_event_no_update_or_delete;
ALTER TABLE dsf_audit_event ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE dsf_audit_event ADD CONSTRAINT dsf_audit_event_sealed_whole
    CHECK ((position IS NULL AND prev_hash IS NULL AND hash IS NULL)
        OR (position IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));

CREATE SEQUENCE dsf_audit_event_seq;
SELECT setval('dsf_audit_event_seq', COALESCE((SELECT max(seq) FROM dsf_audit_event), 0) + 1, false);
ALTER TABLE dsf_audit_event ALTER COLUMN seq SET DEFAULT nextval('dsf_audit_event_seq');
ALTER SEQUENCE dsf_audit_event_seq OWNED BY dsf_audit_event.seq;

-- The sealer's work list: only the unsealed tail, usually empty or a few rows.
CREATE INDEX dsf_audit_event_unsealed ON dsf_audit_event (seq) WHERE position IS NULL;

-- Still append-only (000 §3.8): the one write the database permits after INSERT is sealing a row, once, leaving every
-- recorded column as it was. Any other UPDATE, every DELETE and TRUNCATE are refused.
CREATE OR REPLACE FUNCTION dsf_audit_event_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
        AND OLD.position IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
        AND NEW.position IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
        AND NEW.seq = OLD.seq
        AND NEW.occurred_at = OLD.occurred_at
        AND NEW.event_type = OLD.event_type
        AND NEW.actor IS NOT DISTINCT FROM OLD.actor
        AND NEW.subject_type = OLD.subject_type
        AND NEW.subject_id = OLD.subject_id
        AND NEW.detail = OLD.detail THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'dsf_audit_event is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
