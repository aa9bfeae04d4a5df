-- Terms a dsflow delegate computed, read back from here by the step that relies on them, never from a process
-- variable (trust model: variables are writable by starters, candidates and the administrator, and only mirror these).

-- The latest date a cross-border permit may run to, by what limits it: the assessment's validity (000 §8.1.2(4)) and
-- the Beijing year the transfer is counted in (TransferYear). PermitIssuer takes the earliest of the latest of each.
CREATE TABLE dsf_route_limit (
    id           BIGSERIAL    PRIMARY KEY,
    request_id   VARCHAR(64)  NOT NULL REFERENCES dsf_request (request_id),
    source       VARCHAR(32)  NOT NULL CHECK (source IN ('ASSESSMENT_VALIDITY', 'TRANSFER_YEAR')),
    valid_until  TIMESTAMPTZ  NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dsf_route_limit_request ON dsf_route_limit (request_id, source, id);
CREATE TRIGGER dsf_route_limit_append_only BEFORE UPDATE OR DELETE ON dsf_route_limit
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();

-- What the two grading tables proposed for an incident (first grading and each re-grading); the lead's confirmation
-- is judged against the latest row: an override, a downgrade and an hour boundary are decided from here.
CREATE TABLE dsf_grading_proposal (
    id                 BIGSERIAL    PRIMARY KEY,
    process_instance_id VARCHAR(64) NOT NULL,
    miit_level         VARCHAR(4)   NOT NULL CHECK (miit_level IN ('I', 'II', 'III', 'IV')),
    cac_level          VARCHAR(4)   NOT NULL CHECK (cac_level IN ('I', 'II', 'III', 'IV')),
    boundary           BOOLEAN      NOT NULL,
    proposed_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX dsf_grading_proposal_instance ON dsf_grading_proposal (process_instance_id, id);
CREATE TRIGGER dsf_grading_proposal_append_only BEFORE UPDATE OR DELETE ON dsf_grading_proposal
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();
