-- A service desk request may be a data-correction ticket (002 configuration management): wrong client data
-- found by the CSM, raised from the cadence's account review or through the API.
ALTER TABLE service_desk_request DROP CONSTRAINT ck_service_desk_request_category;
ALTER TABLE service_desk_request ADD CONSTRAINT ck_service_desk_request_category
    CHECK (category IN ('MOVE', 'ADD', 'CHANGE', 'DELETE', 'OTHER', 'DATA_CORRECTION'));
