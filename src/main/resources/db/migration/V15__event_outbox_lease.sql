-- One node at a time publishes the event outbox (platform.events.OutboxLease): with several nodes
-- each reading the same unpublished rows, events were sent twice and out of order per key.
-- The single row is the lease; expires_at is on the database's clock, so node clocks do not matter.
CREATE TABLE event_outbox_lease (
    id         INT PRIMARY KEY,
    holder     VARCHAR(300),
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO event_outbox_lease (id, holder, expires_at) VALUES (1, NULL, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
