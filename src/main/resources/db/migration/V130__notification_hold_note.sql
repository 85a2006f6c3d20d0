-- Why a client mail waits for business hours, or why it goes at once although outside them (its event,
-- e.g. the maintenance window it announces, comes before the client's business hours open).
ALTER TABLE notification_outbox ADD COLUMN hold_note VARCHAR(500);
