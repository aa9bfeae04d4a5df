-- One row per decision on a request. The unique (request_id, decided_by) is the database's own guarantee that
-- nobody decides twice on the same request, even when two slots are completed at the same moment on two nodes.
CREATE TABLE dsf_approval_decision (
    id            BIGSERIAL    PRIMARY KEY,
    request_id    VARCHAR(64)  NOT NULL,
    task_id       VARCHAR(64)  NOT NULL UNIQUE,
    slot_group    VARCHAR(64)  NOT NULL,
    decided_by    VARCHAR(128) NOT NULL,
    decision      VARCHAR(16)  NOT NULL CHECK (decision IN ('APPROVE', 'REJECT')),
    comment       TEXT         NOT NULL,
    request_hash  CHAR(64)     NOT NULL,
    decided_at    TIMESTAMPTZ  NOT NULL,
    CONSTRAINT dsf_one_decision_per_person UNIQUE (request_id, decided_by)
);

-- 单次授权: one approved operation, its scope and validity, consumed by exactly one use.
CREATE TABLE dsf_permit (
    id                  VARCHAR(64)  PRIMARY KEY,
    request_id          VARCHAR(64)  NOT NULL UNIQUE,
    process_instance_id VARCHAR(64)  NOT NULL,
    operation_type      VARCHAR(32)  NOT NULL,
    data_level          VARCHAR(16)  NOT NULL,
    data_category       VARCHAR(200) NOT NULL,
    data_description    TEXT         NOT NULL,
    max_record_count    BIGINT       NOT NULL CHECK (max_record_count > 0),
    recipient_name      VARCHAR(200),
    purpose             TEXT         NOT NULL,
    scope               TEXT         NOT NULL,
    requester           VARCHAR(128) NOT NULL,
    request_hash        CHAR(64)     NOT NULL,
    approved_at         TIMESTAMPTZ  NOT NULL,
    valid_from          TIMESTAMPTZ  NOT NULL,
    valid_until         TIMESTAMPTZ  NOT NULL,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('LIVE', 'USED', 'EXPIRED', 'REVOKED')),
    used_at             TIMESTAMPTZ,
    used_by             VARCHAR(200),
    used_record_count   BIGINT,
    used_recipient      VARCHAR(200),
    used_via            VARCHAR(128),
    CONSTRAINT dsf_permit_used_after_approval CHECK (used_at IS NULL OR used_at > approved_at),
    CONSTRAINT dsf_permit_valid_window CHECK (valid_until > valid_from)
);

-- 台账 (000 §3.4.2(2)): every approved request with the fields the Guide lists, and what was actually done.
CREATE TABLE dsf_ledger (
    request_id          VARCHAR(64)  PRIMARY KEY,
    process_instance_id VARCHAR(64)  NOT NULL,
    operation_type      VARCHAR(32)  NOT NULL,
    processing_subject  VARCHAR(200) NOT NULL,
    data_category       VARCHAR(200) NOT NULL,
    data_level          VARCHAR(16)  NOT NULL,
    data_description    TEXT         NOT NULL,
    record_count        BIGINT       NOT NULL,
    volume_gb           DOUBLE PRECISION NOT NULL,
    processing_method   TEXT         NOT NULL,
    purpose             TEXT         NOT NULL,
    scope               TEXT         NOT NULL,
    recipient_name      VARCHAR(200),
    valid_from          TIMESTAMPTZ  NOT NULL,
    valid_until         TIMESTAMPTZ  NOT NULL,
    requester           VARCHAR(128) NOT NULL,
    requested_at        TIMESTAMPTZ  NOT NULL,
    approvers           TEXT         NOT NULL,
    approved_at         TIMESTAMPTZ  NOT NULL,
    permit_id           VARCHAR(64)  NOT NULL,
    status              VARCHAR(16)  NOT NULL CHECK (status IN ('APPROVED', 'USED', 'COMPLETED', 'EXPIRED')),
    used_at             TIMESTAMPTZ,
    used_by             VARCHAR(200),
    actual_record_count BIGINT,
    completed_at        TIMESTAMPTZ,
    result_note         TEXT
);

CREATE INDEX dsf_ledger_approved_at ON dsf_ledger (approved_at);
