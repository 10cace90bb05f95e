-- A webhook the hub subscribed is known before its handshake: the secret arrives later.
ALTER TABLE clio_webhook ALTER COLUMN secret DROP NOT NULL;
ALTER TABLE clio_webhook ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
