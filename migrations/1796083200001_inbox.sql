-- Up Migration
-- Updates a platform delivered to a process that does not serve the bot now (a standby's webhook):
-- kept here until the serving process has handled them, then deleted. `id` is the platform's own
-- update id, so a delivery Telegram repeats is stored once (and the seen ids make handling it twice
-- a no-op).
CREATE TABLE inbox (
  id text PRIMARY KEY,
  platform text NOT NULL,
  payload jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inbox_order ON inbox (platform, received_at, id);

-- Down Migration
DROP TABLE inbox;
