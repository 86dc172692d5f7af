-- Guaranteed delivery: where each delivery is routed, and how far its transfer has got.
-- Portable SQL (H2 and PostgreSQL), one column per statement.

-- The routing table's decision (routes/document-routing.camel.yaml): local-pull, local-push,
-- relay or national-axis; and the system whose Artemis queue (lgsp.delivery.<system>) carries it.
ALTER TABLE delivery ADD COLUMN route VARCHAR(20);
ALTER TABLE delivery ADD COLUMN target_system VARCHAR(100);
-- QUEUED: a claim check is (or will be) on the target's queue; DELIVERED: in the pull inbox, or
-- accepted by the push/relay recipient; DEAD_LETTER: given up, reason kept, replayable.
-- Rows from before this migration were visible in their inbox already.
ALTER TABLE delivery ADD COLUMN transfer_state VARCHAR(12) DEFAULT 'DELIVERED' NOT NULL;
ALTER TABLE delivery ADD COLUMN transfer_attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE delivery ADD COLUMN last_error VARCHAR(1000);
ALTER TABLE delivery ADD COLUMN delivered_at TIMESTAMP WITH TIME ZONE;
-- What the push or relay recipient called it (e.g. the other VDXP server's DocId).
ALTER TABLE delivery ADD COLUMN remote_id VARCHAR(200);
-- A QUEUED delivery nobody has touched after this time lost its claim check (e.g. the process
-- died between commit and enqueue): the recovery sweep sends it again.
ALTER TABLE delivery ADD COLUMN next_check_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE delivery ADD CONSTRAINT delivery_transfer_ck
    CHECK (transfer_state IN ('QUEUED', 'DELIVERED', 'DEAD_LETTER'));
CREATE INDEX delivery_transfer_ix ON delivery (transfer_state, next_check_at);
