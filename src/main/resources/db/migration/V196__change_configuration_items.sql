-- A change names the configuration items it touches (issue 18 item 4): their references, comma-separated
-- like impacted_services; each is checked to belong to the change's client.
ALTER TABLE change_request ADD COLUMN configuration_items VARCHAR(2000);
