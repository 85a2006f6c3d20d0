-- Escalation (issue 21). The DC head rung of the escalation ladder counts like every other target: a
-- clock on the client's calendar, started when the resolution target is missed (the delivery-manager
-- rung). Before, the model added a wall-clock grace from the severity table. Durations are the old
-- grace in business hours (one 8-hour business day for P4); Enhanced P1 stays round the clock.
INSERT INTO sla_target (tier, priority, metric, duration, calendar, warning_percent, updated_at, updated_by) VALUES
('ENHANCED', 'P1', 'escalation.dc-head', 'PT2H', 'TWENTY_FOUR_SEVEN', 75, CURRENT_TIMESTAMP, 'flyway'),
('ENHANCED', 'P2', 'escalation.dc-head', 'PT4H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway'),
('ENHANCED', 'P3', 'escalation.dc-head', 'PT8H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway'),
('ENHANCED', 'P4', 'escalation.dc-head', 'PT8H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway'),
('STANDARD', 'P1', 'escalation.dc-head', 'PT2H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway'),
('STANDARD', 'P2', 'escalation.dc-head', 'PT4H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway'),
('STANDARD', 'P3', 'escalation.dc-head', 'PT8H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway'),
('STANDARD', 'P4', 'escalation.dc-head', 'PT8H', 'BUSINESS', 75, CURRENT_TIMESTAMP, 'flyway');

-- A commercial query (pricing, contract, renewal) goes to the account manager, a service issue to the
-- CSM (002). Rows written before are service issues.
ALTER TABLE escalation ADD COLUMN category VARCHAR(16) DEFAULT 'service' NOT NULL;
