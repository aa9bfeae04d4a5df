-- 000 §8.1.1, §8.2.1, §8.5(5): persons whose personal information was sent abroad, cumulated since 1 January
-- (Asia/Shanghai). One row per approved transfer and per officer correction; the running total is their sum, so the
-- total can always be explained row by row. Append-only like the audit chain.
CREATE TABLE dsf_cross_border_volume (
    id                     BIGSERIAL    PRIMARY KEY,
    year                   INT          NOT NULL CHECK (year BETWEEN 2000 AND 2999),
    kind                   VARCHAR(16)  NOT NULL CHECK (kind IN ('TRANSFER', 'CORRECTION')),
    request_id             VARCHAR(64),
    persons_non_sensitive  BIGINT       NOT NULL,
    persons_sensitive      BIGINT       NOT NULL,
    recorded_by            VARCHAR(128),
    recorded_at            TIMESTAMPTZ  NOT NULL,
    reason                 TEXT,
    CONSTRAINT dsf_cross_border_transfer_counted_once UNIQUE (request_id),
    CONSTRAINT dsf_cross_border_transfer_has_request CHECK (kind = 'CORRECTION' OR request_id IS NOT NULL),
    CONSTRAINT dsf_cross_border_correction_has_reason CHECK (kind = 'TRANSFER' OR (reason IS NOT NULL AND recorded_by IS NOT NULL)),
    CONSTRAINT dsf_cross_border_transfer_not_negative CHECK (kind = 'CORRECTION' OR (persons_non_sensitive >= 0 AND persons_sensitive >= 0))
);
CREATE INDEX dsf_cross_border_volume_year ON dsf_cross_border_volume (year);
CREATE TRIGGER dsf_cross_border_volume_append_only BEFORE UPDATE OR DELETE ON dsf_cross_border_volume
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_cross_border_volume_no_truncate BEFORE TRUNCATE ON dsf_cross_border_volume
    FOR EACH STATEMENT EXECUTE FUNCTION dsf_refuse_change();

-- A cross-border permit can be revoked (CAC termination notice, 000 §8.1.2(5); a reported change, §8.1.2(4)), and a
-- ledger row carries what its process adds to the common columns (route, rule, filing numbers and dates).
ALTER TABLE dsf_ledger DROP CONSTRAINT dsf_ledger_status_check;
ALTER TABLE dsf_ledger ADD CONSTRAINT dsf_ledger_status_check
    CHECK (status IN ('APPROVED', 'USED', 'COMPLETED', 'EXPIRED', 'REVOKED'));
ALTER TABLE dsf_ledger ADD COLUMN particulars TEXT;
