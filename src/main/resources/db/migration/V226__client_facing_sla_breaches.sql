-- The client hears of an SLA violation (004 SLM). A target is client-facing when the client was promised
-- it; a breach of such a target is told to the client's contacts (where the client's contract says so)
-- with what is being done. Internal targets (the CAB's decision, the escalation ladder's DC head rung)
-- stay internal.
ALTER TABLE sla_target ADD COLUMN client_facing BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE sla_target SET client_facing = TRUE WHERE metric IN (
    'escalation.acknowledge', 'escalation.update', 'escalation.resolution', 'rca.delivered',
    'service-request.resolution', 'service-review.held', 'change.notice', 'complaint.acknowledge');

-- When the client was told of the clock's breach (once per clock; null: not told, or not client-facing).
ALTER TABLE sla_clock ADD COLUMN breach_announced_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_sla_clock_unannounced_due ON sla_clock (state, due_at);

-- Contract term: the client is told of breaches of client-facing targets. On by default for every tier
-- (004 SLM: the client hears of violations); a contract that says otherwise turns it off.
ALTER TABLE client ADD COLUMN notify_client_of_breaches BOOLEAN DEFAULT TRUE NOT NULL;
