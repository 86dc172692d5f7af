package vn.gov.haiphong.lgsp.security.gateway;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The journal of a {@link NonceStore.Mode#LOCAL} nonce store: an append-only file, one line per
 * claim ({@code <expires, epoch seconds> TAB <claimant> TAB <nonce> LF}), each written with one
 * system call before its claim is answered. That is the durability H2 gives a commit here
 * ({@code WRITE_DELAY 0}, no fsync): the operating system holds the line, so a killed process
 * loses nothing, a power cut may. It costs a write instead of a group-committed database
 * transaction, which a signed call otherwise waits for (about 3 ms at p50 with a 20 ms back end,
 * docs/performance.md).
 *
 * <p>Reading back skips lines it cannot parse: only the last line can be torn, by a crash in the
 * middle of its write, and that claim was never answered. {@link #rewrite} replaces the file with
 * the claims still in the window (a new file, then an atomic move), so it does not grow forever.
 */
final class NonceJournal implements AutoCloseable {

    /** Who claimed which nonce: the key of a claim. */
    record Claim(String claimant, String nonce) {
    }

    /** Claimants are system ids (and {@code ws-security:replay}), nonces are checked by the HMAC provider. */
    private static final Pattern FIELD = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final Path file;
    private FileChannel channel;
    private long lines;

    NonceJournal(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            this.channel = open(file);
            if (endsTorn(file)) {
                // A crash cut the last line short: end it, so that the next claim gets a line of its own.
                append(StandardCharsets.US_ASCII.encode("\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the nonce journal " + file, e);
        }
    }

    private static FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    Path file() {
        return file;
    }

    /** Lines written since the file was last rewritten (or opened), live and expired alike. */
    synchronized long lines() {
        return lines;
    }

    private static boolean endsTorn(Path file) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            if (in.size() == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, in.size() - 1);
            return last.get(0) != '\n';
        }
    }

    /** Records a claim; when this returns, the operating system has it. */
    void append(String claimant, String nonce, long expiresEpochSecond) {
        if (!FIELD.matcher(claimant).matches() || !FIELD.matcher(nonce).matches()) {
            // Callers pass checked values; a tab or line break here would forge another line.
            throw new IllegalArgumentException("A claimant and a nonce are 1-200 printable ASCII characters");
        }
        append(StandardCharsets.US_ASCII.encode(expiresEpochSecond + "\t" + claimant + "\t" + nonce + "\n"));
    }

    private synchronized void append(ByteBuffer line) {
        try {
            while (line.hasRemaining()) {
                channel.write(line);
            }
            lines++;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the nonce journal " + file, e);
        }
    }

    /** Every claim in the file that expires at or after {@code now}, in the order written. */
    synchronized void read(long now, BiConsumer<Claim, Long> claim) {
        if (!Files.exists(file)) {
            return;
        }
        lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            for (String line; (line = in.readLine()) != null; ) {
                lines++;
                String[] parts = line.split("\t", -1);
                if (parts.length != 3 || !FIELD.matcher(parts[1]).matches() || !FIELD.matcher(parts[2]).matches()) {
                    continue;
                }
                long expires;
                try {
                    expires = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    continue;
                }
                if (expires >= now) {
                    claim.accept(new Claim(parts[1], parts[2]), expires);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the nonce journal " + file, e);
        }
    }

    /**
     * Replaces the file with these claims (the live ones), while appends wait: written to a new
     * file, forced to disk, then moved over the old one atomically, so that a crash at any point
     * leaves one whole journal.
     */
    synchronized void rewrite(Map<Claim, Long> live) {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            Writer text = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(out),
                    StandardCharsets.US_ASCII), 1 << 16);
            for (Map.Entry<Claim, Long> claim : live.entrySet()) {
                text.write(claim.getValue() + "\t" + claim.getKey().claimant() + "\t" + claim.getKey().nonce() + "\n");
            }
            text.flush();
            out.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rewrite the nonce journal " + file, e);
        }
        try {
            channel.close();
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            lines = live.size();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot replace the nonce journal " + file, e);
        } finally {
            try {
                channel = open(file);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot reopen the nonce journal " + file, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
