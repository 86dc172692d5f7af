-- What the console's "Gateway and data" page (console.GatewayDataQueries) reads beyond the
-- indexes the gateway and the warehouse already have. Portable SQL (H2 and PostgreSQL).

-- A service's gateway calls over a window (last hour, 24 h, 7 days) and its recent calls, newest
-- first: the GATEWAY_CALL rows of the message log by to_code (the service) and recorded_at. Without
-- it each page would scan every message log row of the window, the exchange's included. One more
-- index on the log's hot insert path, one entry per row.
CREATE INDEX message_log_gateway_ix ON message_log (kind, to_code, recorded_at);
