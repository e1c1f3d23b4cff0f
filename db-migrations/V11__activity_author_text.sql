-- Dixa's spec types an activity-log entry's author.id as a plain string: system and automation entries need not carry
-- a uuid. The evidence keeps it as text (a uuid for people; anything else is stored scrubbed of e-mail addresses and
-- phone numbers), so one such entry no longer makes a whole log unreadable.
ALTER TABLE evidence_activity ALTER COLUMN author_id TYPE VARCHAR(100) USING author_id::text;
