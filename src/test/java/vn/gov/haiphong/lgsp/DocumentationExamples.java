package vn.gov.haiphong.lgsp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;

/**
 * The example blocks of the README and the guides, as a reader pastes them: every fenced block
 * whose info string starts with {@code bash} (but not {@code bash not-checked}), in page order, in
 * ONE bash session from the repository root, so variables carry from block to block as in a
 * terminal. A fenced {@code output} block right after a bash block is what that block prints:
 * lines compared with trailing spaces trimmed, {@code …} inside a line matching any text, a line
 * that is only {@code …} matching any number of lines.
 */
final class DocumentationExamples {

    static final String WILDCARD = "…";

    record Block(String page, int line, String script, Optional<List<String>> expectedOutput) {

        String where() {
            return page + ":" + line;
        }
    }

    record Failure(Block block, String reason) {

        @Override
        public String toString() {
            return block.where() + ": " + reason + "\n--- the block ---\n" + block.script().strip();
        }
    }

    private DocumentationExamples() {
    }

    /** The checked blocks of one Markdown page, in order. */
    static List<Block> blocks(String page, String markdown) {
        Node document = Parser.builder().includeSourceSpans(IncludeSourceSpans.BLOCKS).build().parse(markdown);
        List<FencedCodeBlock> fences = new ArrayList<>();
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(FencedCodeBlock fence) {
                fences.add(fence);
            }
        });
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < fences.size(); i++) {
            FencedCodeBlock fence = fences.get(i);
            List<String> info = List.of(fence.getInfo().strip().split("\\s+"));
            if (!info.get(0).equals("bash") || info.contains("not-checked")) {
                continue;
            }
            Optional<List<String>> output = Optional.empty();
            if (i + 1 < fences.size() && fences.get(i + 1).getInfo().strip().equals("output")
                    && fences.get(i + 1).getPrevious() == fence) {
                output = Optional.of(lines(fences.get(i + 1).getLiteral()));
            }
            int line = fence.getSourceSpans().isEmpty() ? 0 : fence.getSourceSpans().get(0).getLineIndex() + 1;
            blocks.add(new Block(page, line, fence.getLiteral(), output));
        }
        return blocks;
    }

    /**
     * Runs the blocks in one bash session ({@code set -eo pipefail}) in {@code workDir}, with
     * {@code environment} added to this JVM's, each
     * block's stdout and stderr to files of its own in {@code runDir}, and returns what failed:
     * the first block that exited non-zero or did not end in time (the session stops there), and
     * every block before it whose output differs from its page's.
     */
    static List<Failure> run(List<Block> blocks, Path workDir, Map<String, String> environment, Path runDir,
            Duration timeout) throws IOException {
        Files.createDirectories(runDir);
        StringBuilder commands = new StringBuilder("set -eo pipefail\n");
        for (int i = 0; i < blocks.size(); i++) {
            commands.append("exec >'").append(runDir.resolve(i + ".out")).append("' 2>'")
                    .append(runDir.resolve(i + ".err")).append("'\n")
                    .append("# ").append(blocks.get(i).where()).append('\n')
                    .append(blocks.get(i).script()).append('\n')
                    .append(": > '").append(runDir.resolve(i + ".done")).append("'\n");
        }
        Path script = runDir.resolve("session.sh");
        Files.writeString(script, commands, StandardCharsets.UTF_8);
        ProcessBuilder session = new ProcessBuilder("bash", script.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(runDir.resolve("session.log").toFile());
        session.environment().putAll(environment);
        Process bash = session.start();
        boolean ended;
        try {
            ended = bash.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = false;
        }
        if (!ended) {
            bash.descendants().forEach(ProcessHandle::destroyForcibly);
            bash.destroyForcibly();
        }
        List<Failure> failures = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block block = blocks.get(i);
            String out = tail(read(runDir.resolve(i + ".out")));
            if (!Files.exists(runDir.resolve(i + ".done"))) {
                String err = tail(read(runDir.resolve(i + ".err")));
                failures.add(new Failure(block, (ended ? "exited with " + bash.exitValue()
                        : "did not end within " + timeout + " (the session was stopped)")
                        + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err));
                break;
            }
            if (block.expectedOutput().isPresent() && !matches(block.expectedOutput().get(), lines(out))) {
                failures.add(new Failure(block, "printed something else than its page says"
                        + "\n--- expected ---\n" + String.join("\n", block.expectedOutput().get())
                        + "\n--- printed ---\n" + out));
            }
        }
        return failures;
    }

    /** Whether {@code actual} is what {@code expected} describes (see the class comment). */
    static boolean matches(List<String> expected, List<String> actual) {
        return matches(expected, 0, actual, 0);
    }

    private static boolean matches(List<String> expected, int e, List<String> actual, int a) {
        if (e == expected.size()) {
            return a == actual.size();
        }
        if (expected.get(e).strip().equals(WILDCARD)) {
            for (int skip = a; skip <= actual.size(); skip++) {
                if (matches(expected, e + 1, actual, skip)) {
                    return true;
                }
            }
            return false;
        }
        return a < actual.size() && lineMatches(expected.get(e), actual.get(a)) && matches(expected, e + 1, actual, a + 1);
    }

    static boolean lineMatches(String expected, String actual) {
        String[] literals = expected.stripTrailing().split(Pattern.quote(WILDCARD), -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < literals.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literals[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual.stripTrailing()).matches();
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(text.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** The end of what a block printed: where it failed is there, and a report stays readable. */
    private static String tail(String printed) {
        int keep = 4000;
        return printed.length() <= keep ? printed : "[…]" + printed.substring(printed.length() - keep);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
