-- 风险信息台账 (002 annex 1 and annex 2): one row per risk, the source of the period summary. The workflow's own
-- record (instance history, audit chain) stays authoritative; this table is what the summary counts.
CREATE TABLE dsf_risk (
    id               VARCHAR(64)  PRIMARY KEY,
    reported_at      TIMESTAMPTZ  NOT NULL,
    title            VARCHAR(200) NOT NULL,
    source           VARCHAR(32)  NOT NULL,
    category         VARCHAR(32)  NOT NULL,
    risk_level       VARCHAR(16)  NOT NULL CHECK (risk_level IN ('HIGH', 'MEDIUM', 'LOW')),
    data_types       VARCHAR(200) NOT NULL,
    data_level       VARCHAR(16)  NOT NULL,
    regions          VARCHAR(400) NOT NULL,
    units            VARCHAR(400) NOT NULL,
    industries       VARCHAR(400) NOT NULL,
    risk_unit        VARCHAR(200) NOT NULL,
    reporting_unit   VARCHAR(200) NOT NULL,
    reported_to_regulator_at TIMESTAMPTZ,
    disposed_at      TIMESTAMPTZ,
    disposal         TEXT
);
CREATE INDEX dsf_risk_reported_at ON dsf_risk (reported_at);

-- A monitoring system's retried alert must not open a second case: its key is remembered with the case it opened.
CREATE TABLE dsf_risk_intake_key (
    caller        VARCHAR(128) NOT NULL,
    intake_key    VARCHAR(128) NOT NULL,
    risk_id       VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller, intake_key)
);
