-- Outgoing notifications (mail and chat-robot messages), written in the transaction of the action that causes them and
-- delivered afterwards by OutboxWorker. A row replaces what used to be a whole process instance with an async job per
-- mail (issue 16: 17 rows written in the caller's transaction and about 21 more to deliver, against one insert and
-- one update now). Chat rows name the robot, never its URL or secret: those stay in the configuration.
CREATE TABLE dsf_outbox (
    id              BIGSERIAL     PRIMARY KEY,
    channel         VARCHAR(8)    NOT NULL CHECK (channel IN ('MAIL', 'CHAT')),
    destination     VARCHAR(4000) NOT NULL,
    recipient_users VARCHAR(4000),
    event           VARCHAR(32),
    subject         VARCHAR(1000) NOT NULL,
    body            TEXT          NOT NULL,
    link            VARCHAR(2000),
    status          VARCHAR(8)    NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INT           NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    last_error      VARCHAR(2000)
);
-- the worker's query: due pending rows, oldest first; sent rows cost the index nothing
CREATE INDEX dsf_outbox_due ON dsf_outbox (next_attempt_at, id) WHERE status = 'PENDING';

-- A notification whose retries are exhausted raises an alarm where the officers already watch for disabled legal
-- clocks (GET /api/clock-alarms): a reminder nobody received is a deadline that may pass unnoticed.
ALTER TABLE dsf_clock_alarm DROP CONSTRAINT dsf_clock_alarm_cause_check;
ALTER TABLE dsf_clock_alarm ADD CONSTRAINT dsf_clock_alarm_cause_check
    CHECK (cause IN ('RETRIES_DROPPED', 'FAILED', 'SUSPENDED', 'UNDELIVERED'));

-- Which report-clock alerts (50 % and 90 % of a regulator report's time used) were posted for a task: the primary key
-- lets several nodes scanning at once post each alert once.
CREATE TABLE dsf_report_clock_alert (
    task_id   VARCHAR(64) NOT NULL,
    mark      INT         NOT NULL CHECK (mark IN (50, 90)),
    posted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (task_id, mark)
);
