-- SSO: people's accounts and roles, and the token signing keys of the embedded OIDC provider.
-- Portable SQL (H2 and PostgreSQL).

-- A person who logs in to the consoles (form login, Basic for scripts, OIDC authorization code).
-- password_hash carries its encoding id ({bcrypt}..., {argon2}...); never a plain password.
CREATE TABLE sso_user (
    username      VARCHAR(100) PRIMARY KEY,
    password_hash VARCHAR(500) NOT NULL,
    enabled       BOOLEAN DEFAULT TRUE NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- ADMIN, OPERATOR, AGENCY_OFFICER (security.Roles).
CREATE TABLE sso_user_role (
    username VARCHAR(100) NOT NULL REFERENCES sso_user (username) ON DELETE CASCADE,
    role     VARCHAR(40) NOT NULL,
    PRIMARY KEY (username, role)
);

-- RSA signing keys. The newest activated key signs; retired keys stay in the JWKS until
-- retired_at + the retention (every token they signed has expired), then they are dropped.
-- private_key: PKCS#8, AES-256-GCM-encrypted under the master key (SecretCipher).
CREATE TABLE sso_signing_key (
    kid          VARCHAR(64) PRIMARY KEY,
    algorithm    VARCHAR(10) NOT NULL,
    public_key   VARCHAR(2000) NOT NULL,
    private_key  VARCHAR(4000) NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX sso_signing_key_active_ix ON sso_signing_key (retired_at, activated_at);
