-- The issues and risk register (000: "Maintain an Issues/Risk Register") takes entries directly, not only
-- from a SIP action's risk acceptance, and holds issues beside risks. Every entry has a review date; its
-- review is a Tasklist task (bpmn/issue-risk.bpmn). Rows from before are risks accepted from SIP actions.
ALTER TABLE risk ADD COLUMN entry_type VARCHAR(8) DEFAULT 'RISK' NOT NULL;
ALTER TABLE risk ADD CONSTRAINT ck_risk_entry_type CHECK (entry_type IN ('ISSUE', 'RISK'));
ALTER TABLE risk ADD COLUMN review_comment VARCHAR(4000);
ALTER TABLE risk ADD COLUMN reviewed_by VARCHAR(255);
ALTER TABLE risk ADD COLUMN closed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_risk_review_date ON risk (status, review_date);
