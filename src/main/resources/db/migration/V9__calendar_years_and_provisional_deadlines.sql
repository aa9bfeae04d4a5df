-- Official holiday years loaded while running (admin upload or a file in DSFLOW_CALENDAR_DIR). The table, not a
-- node's disk, is what every node of a cluster reads, so all nodes answer with the same calendar. Append-only: the
-- newest row of a year is in force; a directory file seen before (same year, same content) is not imported again, so
-- a file left in the directory does not undo a later upload.
CREATE TABLE dsf_calendar_year (
    id          BIGSERIAL    PRIMARY KEY,
    year        INTEGER      NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    content     TEXT         NOT NULL,
    origin      VARCHAR(16)  NOT NULL CHECK (origin IN ('UPLOAD', 'DIRECTORY')),
    loaded_by   VARCHAR(64),
    loaded_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dsf_calendar_year_content ON dsf_calendar_year (year, sha256);

-- A working-day deadline computed on a year derived from the holiday law: what it was computed from (kept here, not
-- in a process variable a user could rewrite), so it can be computed again on the official data and rescheduled.
CREATE TABLE dsf_provisional_deadline (
    id                    BIGSERIAL    PRIMARY KEY,
    process_instance_id   VARCHAR(64)  NOT NULL,
    subject_type          VARCHAR(32)  NOT NULL,
    subject_id            VARCHAR(64)  NOT NULL,
    label                 VARCHAR(200) NOT NULL,
    due_variable          VARCHAR(64)  NOT NULL,
    reminder_variable     VARCHAR(64),
    basis_at              TIMESTAMPTZ  NOT NULL,
    working_days          INTEGER      NOT NULL CHECK (working_days > 0),
    reminder_working_days INTEGER,
    due_at                TIMESTAMPTZ  NOT NULL,
    reminder_at           TIMESTAMPTZ,
    provisional_years     VARCHAR(64)  NOT NULL,
    recorded_at           TIMESTAMPTZ  NOT NULL,
    settled_at            TIMESTAMPTZ,
    settled_how           VARCHAR(16)  CHECK (settled_how IN ('OFFICIAL', 'ENDED'))
);
CREATE INDEX dsf_provisional_deadline_open ON dsf_provisional_deadline (process_instance_id) WHERE settled_at IS NULL;
