-- UN country groups with dates: countries join and graduate (Vanuatu left the least
-- developed countries in 2020, Bhutan in 2023, São Tomé and Príncipe in 2024), so the
-- agreements record counts a group by membership on the day an agreement was signed.
-- `country_groups` stays the membership of today, which the catalogue and alerts use.
CREATE TABLE country_group_periods (
    id INTEGER PRIMARY KEY,
    country_code TEXT NOT NULL REFERENCES countries (code) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('ldc', 'lldc', 'sids')),
    -- The first day of membership; NULL: a member since before the record begins.
    since TEXT,
    -- The first day it was no longer a member; NULL: a member today.
    until TEXT
);
CREATE INDEX country_group_periods_group ON country_group_periods (grp, country_code);

-- São Tomé and Príncipe graduated from the least developed countries on 13 December 2024.
DELETE FROM country_groups WHERE country_code = 'ST' AND grp = 'ldc';
