-- How far the relay of sealed message log rows to Kafka has come (MessageLogRelay): every row of a
-- relayed kind with chain_seq <= last_seq has been acknowledged by Kafka. One row per relay.
--
-- The gateway's GATEWAY_CALL events on lgsp.audit were written to event_outbox beside their
-- message log row; from this version they are derived from the row alone. The relay starts at
-- the current head: rows sealed before the upgrade had their outbox events already. (Calls of
-- the last instant before the upgrade, unsealed then, may reach lgsp.audit twice, under two
-- event ids; data.requestId tells them apart.)
CREATE TABLE message_log_relay (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    last_seq   BIGINT       NOT NULL,
    relayed_at TIMESTAMP WITH TIME ZONE
);
INSERT INTO message_log_relay (name, last_seq) SELECT 'kafka', last_seq FROM message_log_head WHERE id = 1;
