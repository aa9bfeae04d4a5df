-- Failed logins per source address and account (issue 13). A guesser is slowed at their own address for a limited
-- time; the account is never locked for everyone, and never for good.
CREATE TABLE dsf_login_throttle (
    source         VARCHAR(64)  NOT NULL,
    user_id        VARCHAR(255) NOT NULL,
    failures       INTEGER      NOT NULL,
    first_failure  TIMESTAMPTZ  NOT NULL,
    locked_until   TIMESTAMPTZ,
    PRIMARY KEY (source, user_id)
);
CREATE INDEX dsf_login_throttle_user ON dsf_login_throttle (user_id);
