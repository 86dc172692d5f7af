package vn.gov.haiphong.lgsp.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import vn.gov.haiphong.lgsp.security.sso.UserAccounts;

/**
 * What an operator needs to make before a production start, without starting the platform:
 * {@code hash-password} prints the {@code {bcrypt}} hash of a password read from the terminal
 * (not echoed) or from standard input, for {@code LGSP_OPERATOR_PASSWORD}; {@code new-master-key}
 * prints a fresh random key for {@code LGSP_MASTER_KEY}. Only the result goes to standard output,
 * so it can be captured by a script.
 */
public final class SecretsTool {

    public static final String HASH_PASSWORD = "hash-password";
    public static final String NEW_MASTER_KEY = "new-master-key";
    /** The same minimum the account API asks of a new password. */
    private static final int MIN_PASSWORD_LENGTH = UserAccounts.MIN_PASSWORD;

    private SecretsTool() {
    }

    /** @return the exit status, or empty when {@code args} name no tool (start the platform) */
    public static Optional<Integer> run(String[] args, Console console, InputStream in, PrintStream out, PrintStream err)
            throws IOException {
        if (args.length != 1) {
            return Optional.empty();
        }
        switch (args[0]) {
            case NEW_MASTER_KEY -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                out.println(Base64.getEncoder().encodeToString(key));
                return Optional.of(0);
            }
            case HASH_PASSWORD -> {
                String password = readPassword(console, in);
                if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
                    err.println("A password of at least " + MIN_PASSWORD_LENGTH + " characters is needed");
                    return Optional.of(2);
                }
                out.println("{bcrypt}" + new BCryptPasswordEncoder().encode(password));
                return Optional.of(0);
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    private static String readPassword(Console console, InputStream in) throws IOException {
        if (console != null) {
            char[] typed = console.readPassword("Password: ");
            return typed == null ? null : new String(typed);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
    }
}
