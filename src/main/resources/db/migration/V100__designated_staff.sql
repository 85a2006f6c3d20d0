-- Who looks after a client (seed 000: Enhanced clients have a named CSM; seed 002: the CSM organises a
-- backup): the designated CSM and the backup (user ids of the identity service, group csm), and an
-- optional named CSE team (user ids, group cse, comma-separated). Empty: the whole group.
ALTER TABLE client ADD COLUMN designated_csm VARCHAR(64);
ALTER TABLE client ADD COLUMN backup_csm VARCHAR(64);
ALTER TABLE client ADD COLUMN cse_team VARCHAR(1000);

-- Staff recorded as away (holiday, sick leave): a person's CSM tasks go to the client's backup while
-- away. One row per person; a new absence replaces the old one.
CREATE TABLE staff_absence (
    user_id     VARCHAR(64) PRIMARY KEY,
    away_from   TIMESTAMP WITH TIME ZONE NOT NULL,
    away_until  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(200),
    recorded_by VARCHAR(64) NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT ck_staff_absence_period CHECK (away_until > away_from)
);
CREATE INDEX ix_client_designated_csm ON client (designated_csm);
