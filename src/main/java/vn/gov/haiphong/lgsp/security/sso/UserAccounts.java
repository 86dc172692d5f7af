package vn.gov.haiphong.lgsp.security.sso;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.platform.events.EventOutbox;
import vn.gov.haiphong.lgsp.security.OperatorAccounts;
import vn.gov.haiphong.lgsp.security.Roles;

/**
 * People's accounts in the database (tables {@code sso_user}, {@code sso_user_role}): the one
 * {@link UserDetailsService} behind the login page, HTTP Basic on the admin API and the embedded
 * OIDC provider. Accounts named in configuration ({@link OperatorAccounts}: the dev file in the
 * default profile, the environment in prod) are created once, when their name is not yet taken;
 * their passwords are stored hashed. Every change is audited on {@code lgsp.audit}.
 */
@Component
public class UserAccounts implements UserDetailsService, InitializingBean {

    public static final String AUDIT_TOPIC = "lgsp.audit";
    public static final Set<String> ROLES = Set.of(Roles.ADMIN, Roles.OPERATOR, Roles.AGENCY_OFFICER);
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,100}");
    public static final int MIN_PASSWORD = 12;
    private static final int MAX_PASSWORD = 200;
    private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final EventOutbox events;
    private final OperatorAccounts configured;
    private final TransactionTemplate tx;

    public UserAccounts(JdbcClient jdbc, PasswordEncoder passwords, EventOutbox events, OperatorAccounts configured,
                        TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.events = events;
        this.configured = configured;
        this.tx = tx;
    }

    /** What the admin API shows of an account: never the password hash. */
    public record UserView(String username, boolean enabled, Set<String> roles, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {
    }

    @Override
    public void afterPropertiesSet() {
        tx.executeWithoutResult(status -> {
            for (OperatorAccounts.Account account : configured.accounts()) {
                if (account.username() == null || account.password() == null || find(account.username()) != null) {
                    continue;
                }
                String stored = account.password().startsWith("{noop}")
                        ? passwords.encode(account.password().substring("{noop}".length())) : account.password();
                insert(account.username(), stored, new TreeSet<>(account.roles()), "configuration");
                log.info("Created account {} with roles {} from configuration", account.username(), account.roles());
            }
        });
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Row row = find(username);
        if (row == null) {
            throw new UsernameNotFoundException("No such user");
        }
        return User.withUsername(row.username).password(row.passwordHash).disabled(!row.enabled)
                .roles(row.roles.toArray(String[]::new)).build();
    }

    public List<UserView> list() {
        List<UserView> users = new ArrayList<>();
        for (String name : jdbc.sql("SELECT username FROM sso_user ORDER BY username").query(String.class).list()) {
            users.add(view(find(name)));
        }
        return users;
    }

    public UserView get(String username) {
        Row row = find(username);
        if (row == null) {
            throw new LgspException(ErrorCode.USER_NOT_FOUND, "No user " + username);
        }
        return view(row);
    }

    @Transactional
    public UserView create(String username, String password, Set<String> roles, String actor) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new LgspException(ErrorCode.USER_INVALID, "username: 1-100 of letters, digits and . _ @ -");
        }
        checkPassword(password);
        Set<String> valid = validRoles(roles);
        if (find(username) != null) {
            throw new LgspException(ErrorCode.USER_EXISTS, "User " + username + " already exists");
        }
        insert(username, passwords.encode(password), valid, actor);
        return get(username);
    }

    @Transactional
    public UserView setRoles(String username, Set<String> roles, String actor) {
        Set<String> valid = validRoles(roles);
        get(username);
        jdbc.sql("DELETE FROM sso_user_role WHERE username = ?").param(username).update();
        valid.forEach(role -> jdbc.sql("INSERT INTO sso_user_role (username, role) VALUES (?, ?)").params(username, role).update());
        touch(username);
        audit("USER_SET_ROLES", username, actor, Map.of("roles", List.copyOf(valid)));
        return get(username);
    }

    @Transactional
    public UserView setEnabled(String username, boolean enabled, String actor) {
        get(username);
        jdbc.sql("UPDATE sso_user SET enabled = ? WHERE username = ?").params(enabled, username).update();
        touch(username);
        audit(enabled ? "USER_ENABLE" : "USER_DISABLE", username, actor, Map.of());
        return get(username);
    }

    @Transactional
    public UserView setPassword(String username, String password, String actor) {
        get(username);
        checkPassword(password);
        jdbc.sql("UPDATE sso_user SET password_hash = ? WHERE username = ?").params(passwords.encode(password), username)
                .update();
        touch(username);
        audit("USER_SET_PASSWORD", username, actor, Map.of());
        return get(username);
    }

    private void insert(String username, String passwordHash, Set<String> roles, String actor) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        jdbc.sql("INSERT INTO sso_user (username, password_hash, enabled, created_at, updated_at) VALUES (?, ?, TRUE, ?, ?)")
                .params(username, passwordHash, now, now).update();
        roles.forEach(role -> jdbc.sql("INSERT INTO sso_user_role (username, role) VALUES (?, ?)").params(username, role).update());
        audit("USER_CREATE", username, actor, Map.of("roles", List.copyOf(roles)));
    }

    private void touch(String username) {
        jdbc.sql("UPDATE sso_user SET updated_at = ? WHERE username = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC), username).update();
    }

    private void audit(String type, String username, String actor, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>(extra);
        data.put("username", username);
        events.append(AUDIT_TOPIC, type, username, actor, data);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new LgspException(ErrorCode.USER_INVALID,
                    "password: " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }

    private static Set<String> validRoles(Set<String> roles) {
        if (roles == null) {
            throw new LgspException(ErrorCode.USER_INVALID, "roles: give a list, e.g. [\"OPERATOR\"]");
        }
        Set<String> valid = new TreeSet<>();
        for (String role : roles) {
            if (role == null || !ROLES.contains(role)) {
                throw new LgspException(ErrorCode.USER_INVALID, "roles: each one of " + new TreeSet<>(ROLES));
            }
            valid.add(role);
        }
        return valid;
    }

    private UserView view(Row row) {
        return new UserView(row.username, row.enabled, row.roles, row.createdAt, row.updatedAt);
    }

    private record Row(String username, String passwordHash, boolean enabled, Set<String> roles,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private Row find(String username) {
        if (username == null) {
            return null;
        }
        List<Row> rows = jdbc.sql("SELECT username, password_hash, enabled, created_at, updated_at FROM sso_user WHERE username = ?")
                .param(username)
                .query((rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), new TreeSet<>(),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
                .list();
        if (rows.isEmpty()) {
            return null;
        }
        Row row = rows.get(0);
        row.roles.addAll(jdbc.sql("SELECT role FROM sso_user_role WHERE username = ?").param(username)
                .query(String.class).list());
        return row;
    }
}
