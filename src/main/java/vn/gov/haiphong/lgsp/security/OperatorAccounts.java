package vn.gov.haiphong.lgsp.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Console and admin-API accounts from configuration. In the default profile they come from the
 * dev-only file {@code etc/dev/dev-secrets.yml}; in production, passwords are given as bcrypt
 * hashes ({@code {bcrypt}$2a$...}) through the environment, until the SSO replaces them.
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
