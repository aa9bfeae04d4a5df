-- 我的申请 reads a person's requests, newest first, on every page load: without this index it scans the register.
CREATE INDEX dsf_request_requester ON dsf_request (requester, requested_at DESC);
