-- A change whose window opens inside the notice lead time: the CSM confirms the short notice with a
-- reason (or moves the window). Null: the client was told in time.
ALTER TABLE change_request ADD COLUMN short_notice_reason VARCHAR(2000);
ALTER TABLE change_request ADD COLUMN short_notice_confirmed_by VARCHAR(255);
