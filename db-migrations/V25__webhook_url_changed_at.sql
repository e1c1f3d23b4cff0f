-- When a subscription's URL last changed (creation counts), so a replay of a delivery made for an earlier URL needs
-- the admin's explicit consent (webhook/WebhookSubscriptions.replay).
ALTER TABLE webhook_subscription ADD COLUMN url_changed_at TIMESTAMPTZ;
UPDATE webhook_subscription SET url_changed_at = created_at;
ALTER TABLE webhook_subscription ALTER COLUMN url_changed_at SET NOT NULL;
