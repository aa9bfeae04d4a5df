-- Enforcement state lives here, not in process variables (DESIGN.md trust model): Camunda lets any starter or
-- candidate write variables, so who asked, what was asked, which slots must approve and what each check found are
-- written once by dsflow code, in the engine's transaction, and read by every guard. Variables only mirror them.

-- 申请登记 (000 §3.4.2(2)): one row per registered request. The requester is the authenticated user of the start
-- call; the content is the validated request and its SM3 hash is what every approver decides on.
CREATE TABLE dsf_request (
    request_id          VARCHAR(64)  PRIMARY KEY,
    process_key         VARCHAR(64)  NOT NULL,
    process_instance_id VARCHAR(64)  NOT NULL UNIQUE,
    requester           VARCHAR(128) NOT NULL,
    requested_at        TIMESTAMPTZ  NOT NULL,
    content             JSONB        NOT NULL,
    content_hash        CHAR(64)     NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    intake_facts        JSONB        NOT NULL,
    required_checks     JSONB        NOT NULL DEFAULT '[]',
    status              VARCHAR(16)  NOT NULL
        CHECK (status IN ('SUBMITTED', 'CHECKS_FAILED', 'REJECTED', 'APPROVED', 'NOT_ISSUED'))
);

-- Who may use the request's permit at the gate (a permit is not a bearer token): accounts of the group executor
-- named on the request form. No row: only the requester.
CREATE TABLE dsf_request_executor (
    request_id  VARCHAR(64)  NOT NULL REFERENCES dsf_request (request_id),
    user_id     VARCHAR(128) NOT NULL,
    PRIMARY KEY (request_id, user_id)
);

-- The approver slots the approval-policy table chose from the registered content, written once at intake.
CREATE TABLE dsf_request_slot (
    request_id  VARCHAR(64)  NOT NULL REFERENCES dsf_request (request_id),
    slot_index  INT          NOT NULL CHECK (slot_index >= 0),
    slot_group  VARCHAR(64)  NOT NULL,
    PRIMARY KEY (request_id, slot_index)
);

-- Each approval task bound to its slot when it is created: the guard reads the slot's group here, never from the
-- task's approverGroup variable.
CREATE TABLE dsf_slot_task (
    task_id     VARCHAR(64)  PRIMARY KEY,
    request_id  VARCHAR(64)  NOT NULL,
    slot_index  INT          NOT NULL,
    slot_group  VARCHAR(64)  NOT NULL,
    opened_at   TIMESTAMPTZ  NOT NULL,
    FOREIGN KEY (request_id, slot_index) REFERENCES dsf_request_slot (request_id, slot_index)
);

-- 准备检查结论 (§3.7.1, §4.6.1(2), §7.7(1)): append-only, so a failed check cannot be answered away by another checker.
CREATE TABLE dsf_check_outcome (
    id          BIGSERIAL    PRIMARY KEY,
    request_id  VARCHAR(64)  NOT NULL REFERENCES dsf_request (request_id),
    check_key   VARCHAR(64)  NOT NULL,
    task_id     VARCHAR(64)  NOT NULL UNIQUE,
    passed      BOOLEAN      NOT NULL,
    checked_by  VARCHAR(128) NOT NULL,
    checked_at  TIMESTAMPTZ  NOT NULL,
    findings    TEXT         NOT NULL
);
CREATE INDEX dsf_check_outcome_request ON dsf_check_outcome (request_id);

CREATE TRIGGER dsf_request_slot_append_only BEFORE UPDATE OR DELETE ON dsf_request_slot
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_slot_task_append_only BEFORE UPDATE OR DELETE ON dsf_slot_task
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_check_outcome_append_only BEFORE UPDATE OR DELETE ON dsf_check_outcome
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_request_executor_append_only BEFORE UPDATE OR DELETE ON dsf_request_executor
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();

-- The ledger shows which account used the permit at the gate, beside the operator the executing system named.
ALTER TABLE dsf_ledger ADD COLUMN used_by_account VARCHAR(128);
