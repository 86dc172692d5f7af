package vn.gov.haiphong.lgsp.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Accounts named in configuration, created in the database ({@code security.sso.UserAccounts})
 * on start when their name is free: in the default profile the dev-only file
 * {@code etc/dev/dev-secrets.yml} (demo users), in production the first operator, its password a
 * bcrypt hash ({@code {bcrypt}$2a$...}) from the environment. Later changes go through
 * {@code /api/admin/users}.
 */
@ConfigurationProperties("lgsp.security")
public record OperatorAccounts(List<Account> accounts) {

    public OperatorAccounts {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** {@code password} carries its encoding id ({@code {bcrypt}}, or {@code {noop}} in dev files only). */
    public record Account(String username, String password, List<String> roles) {

        @Override
        public String toString() {
            return "Account[" + username + ", roles " + roles + "]";
        }
    }
}
