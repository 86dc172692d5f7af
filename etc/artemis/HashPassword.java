import java.util.Map;
import org.apache.activemq.artemis.utils.DefaultSensitiveStringCodec;

/**
 * Prints Artemis's one-way hash of a password (what {@code artemis mask --hash} prints) read from
 * the environment variable named by the argument, so that the password never appears on a command
 * line, which every user of the machine can read. Run by create-instance.sh with the
 * distribution's lib/ on the class path: {@code java -cp "lib/*" HashPassword.java VARIABLE}.
 */
public class HashPassword {

    public static void main(String[] args) throws Exception {
        String password = args.length == 1 ? System.getenv(args[0]) : null;
        if (password == null || password.isEmpty()) {
            System.err.println("usage: HashPassword.java VARIABLE (an environment variable holding the password)");
            System.exit(2);
        }
        DefaultSensitiveStringCodec codec = new DefaultSensitiveStringCodec();
        codec.init(Map.of(DefaultSensitiveStringCodec.ALGORITHM, DefaultSensitiveStringCodec.ONE_WAY));
        System.out.println(codec.encode(password));
    }
}
