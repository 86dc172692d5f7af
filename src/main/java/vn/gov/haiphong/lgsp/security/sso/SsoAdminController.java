package vn.gov.haiphong.lgsp.security.sso;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import vn.gov.haiphong.lgsp.platform.errors.ErrorCode;
import vn.gov.haiphong.lgsp.platform.errors.LgspException;
import vn.gov.haiphong.lgsp.security.SecretReEncryption;
import vn.gov.haiphong.lgsp.security.sso.UserAccounts.UserView;

/** People's accounts, the SSO signing keys and the master key's re-encryption (ADMIN role; changes audited on lgsp.audit). */
@RestController
@RequestMapping("/api/admin")
@Tag(name = "sso", description = "Users, roles and token signing keys")
public class SsoAdminController {

    private final UserAccounts users;
    private final Optional<SigningKeys> keys;
    private final SecretReEncryption reEncryption;

    public SsoAdminController(UserAccounts users, Optional<SigningKeys> keys, SecretReEncryption reEncryption) {
        this.users = users;
        this.keys = keys;
        this.reEncryption = reEncryption;
    }

    public record NewUser(String username, String password, Set<String> roles) {
        @Override
        public String toString() {
            return "NewUser[" + username + ", " + roles + "]";
        }
    }

    public record Roles(Set<String> roles) {
    }

    public record Password(String password) {
        @Override
        public String toString() {
            return "Password[***]";
        }
    }

    @Operation(summary = "List users (never their passwords)")
    @GetMapping("/users")
    public List<UserView> list() {
        return users.list();
    }

    @Operation(summary = "One user")
    @GetMapping("/users/{username}")
    public UserView get(@PathVariable String username) {
        return users.get(username);
    }

    @Operation(summary = "Create a user: password of 12-200 characters, roles from ADMIN, OPERATOR, AGENCY_OFFICER")
    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    public UserView create(@RequestBody NewUser user, Principal actor) {
        return users.create(user.username(), user.password(), user.roles(), actor.getName());
    }

    @Operation(summary = "Replace a user's roles")
    @PutMapping("/users/{username}/roles")
    public UserView setRoles(@PathVariable String username, @RequestBody Roles roles, Principal actor) {
        return users.setRoles(username, roles.roles(), actor.getName());
    }

    @Operation(summary = "Set a user's password")
    @PutMapping("/users/{username}/password")
    public UserView setPassword(@PathVariable String username, @RequestBody Password password, Principal actor) {
        return users.setPassword(username, password.password(), actor.getName());
    }

    @Operation(summary = "Disable a user: no new login, Basic or token from now on")
    @PostMapping("/users/{username}/disable")
    public UserView disable(@PathVariable String username, Principal actor) {
        return users.setEnabled(username, false, actor.getName());
    }

    @Operation(summary = "Enable a user again")
    @PostMapping("/users/{username}/enable")
    public UserView enable(@PathVariable String username, Principal actor) {
        return users.setEnabled(username, true, actor.getName());
    }

    @Operation(summary = "The embedded provider's published signing keys (newest signs)")
    @GetMapping("/sso/keys")
    public List<SigningKeys.KeyInfo> keys() {
        return embedded().list();
    }

    @Operation(summary = "Rotate: a new key signs from now on; older keys stay published until their tokens expire")
    @PostMapping("/sso/keys/rotate")
    public SigningKeys.KeyInfo rotate(Principal actor) {
        return embedded().rotate(actor.getName());
    }

    @Operation(summary = "Master-key rotation: re-encrypt every stored secret under the current master key "
            + "(lgsp.security.master-key), opening older ones with lgsp.security.previous-master-keys")
    @PostMapping("/security/master-key/re-encrypt")
    public SecretReEncryption.Result reEncryptSecrets(Principal actor) {
        return reEncryption.reEncryptAll(actor.getName());
    }

    private SigningKeys embedded() {
        return keys.orElseThrow(() -> new LgspException(ErrorCode.SIGNING_KEYS_EXTERNAL,
                "lgsp.security.oidc.issuer-uri is set: the external issuer manages its keys"));
    }
}
