-- Alarms raised by the deadline-job watchdog: a legal clock (timer job) whose retries dropped, that failed into an
-- incident, or that was suspended. One open alarm per job at a time (the partial unique index), so several nodes
-- scanning at once raise it once; it closes when the job is restored or gone.
CREATE TABLE dsf_clock_alarm (
    id                    BIGSERIAL    PRIMARY KEY,
    job_id                VARCHAR(64)  NOT NULL,
    process_definition_key VARCHAR(255),
    process_instance_id   VARCHAR(64),
    activity_id           VARCHAR(255),
    due_at                TIMESTAMPTZ,
    cause                 VARCHAR(16)  NOT NULL CHECK (cause IN ('RETRIES_DROPPED', 'FAILED', 'SUSPENDED')),
    retries               INT          NOT NULL,
    exception_message     VARCHAR(4000),
    owner_groups          VARCHAR(200) NOT NULL,
    raised_at             TIMESTAMPTZ  NOT NULL,
    resolved_at           TIMESTAMPTZ,
    resolution            VARCHAR(200)
);
CREATE UNIQUE INDEX dsf_clock_alarm_one_open_per_job ON dsf_clock_alarm (job_id) WHERE resolved_at IS NULL;
CREATE INDEX dsf_clock_alarm_raised_at ON dsf_clock_alarm (raised_at);

-- Who added each task attachment: Camunda keeps no author for attachments, and only the author may delete one.
CREATE TABLE dsf_attachment_author (
    attachment_id VARCHAR(64)  PRIMARY KEY,
    task_id       VARCHAR(64),
    author        VARCHAR(128) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);
