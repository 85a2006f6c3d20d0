-- Counters behind the human business keys (CHG-2026-0042): one row per prefix and year,
-- incremented under a row lock so concurrent instances never get the same number.
CREATE TABLE business_key_counter (
    prefix     VARCHAR(16) NOT NULL,
    key_year   INTEGER     NOT NULL,
    last_value BIGINT      NOT NULL,
    CONSTRAINT pk_business_key_counter PRIMARY KEY (prefix, key_year)
);
