-- The route the route table chose for a transfer at intake (000 ch. 8), written by RouteRecorder in the start's
-- transaction. The gateways after approval and the recheck before the permit read the route followed from here, never
-- from the crossBorderRoute variable: whoever may write a variable could otherwise send a transfer that needs a
-- security assessment down the exemption branch (trust model).
CREATE TABLE dsf_route_decision (
    request_id  VARCHAR(64)  PRIMARY KEY REFERENCES dsf_request (request_id),
    route       VARCHAR(40)  NOT NULL
        CHECK (route IN ('PROHIBITED', 'SECURITY_ASSESSMENT', 'STANDARD_CONTRACT_OR_CERTIFICATION', 'EXEMPT')),
    rule        TEXT,
    decided_at  TIMESTAMPTZ  NOT NULL
);
CREATE TRIGGER dsf_route_decision_append_only BEFORE UPDATE OR DELETE ON dsf_route_decision
    FOR EACH ROW EXECUTE FUNCTION dsf_refuse_change();

-- Transfers already running: their route is in the audit chain (CROSS_BORDER_ROUTE_DECIDED, one per request).
INSERT INTO dsf_route_decision (request_id, route, rule, decided_at)
SELECT DISTINCT ON (e.subject_id) e.subject_id, e.detail::jsonb ->> 'route', e.detail::jsonb ->> 'rule', e.occurred_at
FROM dsf_audit_event e JOIN dsf_request r ON r.request_id = e.subject_id
WHERE e.event_type = 'CROSS_BORDER_ROUTE_DECIDED' AND e.subject_type = 'request'
ORDER BY e.subject_id, e.seq;
