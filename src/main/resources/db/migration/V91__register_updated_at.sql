-- Issue 15: every case register row says when it was last updated (com.csmflow.register.RegisterRecord).
-- Existing rows take their creation time. V91, not V81: PostgreSQL databases already have V90.
ALTER TABLE escalation ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE escalation SET updated_at = raised_at;
ALTER TABLE escalation ALTER COLUMN updated_at SET NOT NULL;

ALTER TABLE problem ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE problem SET updated_at = opened_at;
ALTER TABLE problem ALTER COLUMN updated_at SET NOT NULL;

ALTER TABLE sip_action ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE sip_action SET updated_at = created_at;
ALTER TABLE sip_action ALTER COLUMN updated_at SET NOT NULL;

ALTER TABLE risk ADD COLUMN updated_at TIMESTAMP WITH TIME ZONE;
UPDATE risk SET updated_at = created_at;
ALTER TABLE risk ALTER COLUMN updated_at SET NOT NULL;
