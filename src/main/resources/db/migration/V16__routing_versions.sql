-- Versions of the routing tables (platform.routing.RoutingVersions), for the database source
-- (prod profile): every node runs the one active version. content is the JSON
-- {"tables": {file: yaml}, "cases": {file: yaml}}; sha256 names the set (RouteFiles.sha256).
CREATE TABLE routing_version (
    version      BIGINT PRIMARY KEY,
    sha256       CHAR(64) NOT NULL,
    content      VARCHAR(1000000) NOT NULL,
    author       VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    comment      VARCHAR(1000),
    active       BOOLEAN NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE,
    activated_by VARCHAR(200)
);
CREATE INDEX routing_version_active ON routing_version (active);
