-- 证据登记 (000 §6.5 保存相关痕迹和证据; CAC art. 7 item 7): every preserved file or log, its SM3 digest, who collected
-- it and when. Evidence is append-only like the audit chain: a register that can be edited proves nothing.
CREATE TABLE dsf_incident_evidence (
    id            BIGSERIAL    PRIMARY KEY,
    incident_id   VARCHAR(64)  NOT NULL,
    name          VARCHAR(200) NOT NULL,
    source        VARCHAR(400) NOT NULL,
    sm3           CHAR(64)     NOT NULL CHECK (sm3 ~ '^[0-9a-f]{64}$'),
    size_bytes    BIGINT       CHECK (size_bytes IS NULL OR size_bytes >= 0),
    content       BYTEA,
    collected_by  VARCHAR(128) NOT NULL,
    collected_at  TIMESTAMPTZ  NOT NULL,
    registered_by VARCHAR(128) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    note          TEXT
);
CREATE INDEX dsf_incident_evidence_incident ON dsf_incident_evidence (incident_id);

-- The Word documents as submitted (regulator, CAC, police, summary reports): kept byte for byte, with their digest
-- in the audit chain, so what was sent can be shown years later.
CREATE TABLE dsf_incident_document (
    id            BIGSERIAL    PRIMARY KEY,
    incident_id   VARCHAR(64)  NOT NULL,
    kind          VARCHAR(32)  NOT NULL,
    title         VARCHAR(200) NOT NULL,
    sm3           CHAR(64)     NOT NULL,
    content       BYTEA        NOT NULL,
    created_by    VARCHAR(128),
    created_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dsf_incident_document_incident ON dsf_incident_document (incident_id);

CREATE FUNCTION dsf_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;
CREATE TRIGGER dsf_incident_evidence_append_only BEFORE UPDATE OR DELETE ON dsf_incident_evidence
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_incident_document_append_only BEFORE UPDATE OR DELETE ON dsf_incident_document
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_incident_evidence_no_truncate BEFORE TRUNCATE ON dsf_incident_evidence
    FOR EACH STATEMENT EXECUTE FUNCTION dsf_refuse_change();
CREATE TRIGGER dsf_incident_document_no_truncate BEFORE TRUNCATE ON dsf_incident_document
    FOR EACH STATEMENT EXECUTE FUNCTION dsf_refuse_change();
