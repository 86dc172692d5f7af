package vn.gov.haiphong.lgsp.security.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The journal of a {@link NonceStore.Mode#LOCAL} nonce store: a directory of append-only segment
 * files, one line per claim ({@code <expires, epoch seconds> TAB <claimant> TAB <nonce> LF}), each
 * written with one system call before its claim is answered. That is the durability H2 gives a
 * commit here ({@code WRITE_DELAY 0}, no fsync): the operating system holds the line, so a killed
 * process loses nothing, a power cut may. It costs a write instead of a group-committed database
 * transaction, which a signed call otherwise waits for (docs/performance.md, ninth session).
 *
 * <p>Each process appends to a segment of its own, started when it opens the journal and again at
 * every {@link #rotate}; a segment whose claims have all expired is deleted whole, so nothing is
 * ever rewritten and an append never waits for a clean-up. Reading back skips lines it cannot
 * parse: only a segment's last line can be torn, by a crash in the middle of its write, and that
 * claim was never answered (the next process appends to a new segment, not after the torn line).
 */
final class NonceJournal implements AutoCloseable {

    /** Who claimed which nonce: the key of a claim. */
    record Claim(String claimant, String nonce) {
    }

    /** A closed segment and the latest expiry in it. */
    private record Segment(Path file, long lastExpiry) {
    }

    /** Claimants are system ids (and {@code ws-security:replay}); nonces are checked by their callers. */
    private static final Pattern FIELD = Pattern.compile("[\\x21-\\x7e]{1,200}");
    private static final String SUFFIX = ".log";

    private final Path directory;
    private final List<Segment> closed = new ArrayList<>();
    private FileChannel active;
    private Path activeFile;
    private long activeLastExpiry = Long.MIN_VALUE;
    private long activeLines;
    private long sequence;

    NonceJournal(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the nonce journal " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * Every claim in the segments already on disk that expires at or after {@code now}; segments
     * with none are deleted. Then this process's first segment is started.
     */
    synchronized void open(long now, BiConsumer<Claim, Long> claim) {
        List<Path> segments;
        try (Stream<Path> files = Files.list(directory)) {
            segments = files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the nonce journal " + directory, e);
        }
        for (Path segment : segments) {
            long last = read(segment, now, claim);
            closed.add(new Segment(segment, last));
        }
        dropExpired(now);
        startSegment();
    }

    /** Reads one segment; returns the latest expiry in it (of every well-formed line). */
    private static long read(Path segment, long now, BiConsumer<Claim, Long> claim) {
        long last = Long.MIN_VALUE;
        try (BufferedReader in = Files.newBufferedReader(segment, StandardCharsets.US_ASCII)) {
            for (String line; (line = in.readLine()) != null; ) {
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
                last = Math.max(last, expires);
                if (expires >= now) {
                    claim.accept(new Claim(parts[1], parts[2]), expires);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the nonce journal segment " + segment, e);
        }
        return last;
    }

    private void startSegment() {
        // Sorted by name = in the order written: start time, then a sequence (a name taken, by a
        // process started within the same millisecond, is passed over).
        long now = System.currentTimeMillis();
        while (true) {
            activeFile = directory.resolve("%013d-%06d%s".formatted(now, sequence++, SUFFIX));
            try {
                active = FileChannel.open(activeFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND);
                break;
            } catch (FileAlreadyExistsException taken) {
                // next sequence number
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the nonce journal segment " + activeFile, e);
            }
        }
        activeLastExpiry = Long.MIN_VALUE;
        activeLines = 0;
    }

    /** Records a claim; when this returns, the operating system has it. */
    void append(String claimant, String nonce, long expiresEpochSecond) {
        if (!FIELD.matcher(claimant).matches() || !FIELD.matcher(nonce).matches()) {
            // Callers pass checked values; a tab or line break here would forge another line.
            throw new IllegalArgumentException("A claimant and a nonce are 1-200 printable ASCII characters");
        }
        ByteBuffer line = StandardCharsets.US_ASCII.encode(expiresEpochSecond + "\t" + claimant + "\t" + nonce + "\n");
        synchronized (this) {
            if (active == null) {
                throw new IllegalStateException("The nonce journal is not open");
            }
            try {
                while (line.hasRemaining()) {
                    active.write(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write the nonce journal segment " + activeFile, e);
            }
            activeLastExpiry = Math.max(activeLastExpiry, expiresEpochSecond);
            activeLines++;
        }
    }

    /**
     * Closes the current segment (if it holds any claim) and starts a new one, then deletes the
     * segments all of whose claims expired before {@code now}.
     */
    synchronized void rotate(long now) {
        if (active == null) {
            return; // closed: the platform is stopping
        }
        if (activeLines > 0) {
            closeActive();
            closed.add(new Segment(activeFile, activeLastExpiry));
            startSegment();
        }
        dropExpired(now);
    }

    private void dropExpired(long now) {
        for (var it = closed.iterator(); it.hasNext(); ) {
            Segment segment = it.next();
            if (segment.lastExpiry() < now) {
                try {
                    Files.deleteIfExists(segment.file());
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot delete the nonce journal segment " + segment.file(), e);
                }
                it.remove();
            }
        }
    }

    private void closeActive() {
        try {
            active.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (active != null) {
            closeActive();
            active = null;
        }
    }
}
