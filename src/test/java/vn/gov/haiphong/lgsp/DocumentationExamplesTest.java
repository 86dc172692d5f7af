package vn.gov.haiphong.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the examples of the README and the guides, in the order a newcomer reads them
 * ({@code docs/examples/checked-pages.txt}), against a fresh platform with its demo data, as a
 * reader pastes them: it fails on any error, on output that differs from what the page says, and
 * on an example that leaves files in the repository. Run alone:
 * {@code mvn -B test -Dtest=DocumentationExamplesTest}.
 */
class DocumentationExamplesTest {

    private static final Path PAGES = Path.of("docs/examples/checked-pages.txt");
    private static final Duration SESSION_TIMEOUT = Duration.ofMinutes(6);

    @Test
    void everyCheckedExampleRunsAndPrintsWhatItsPageSays(@TempDir Path temp) throws IOException {
        List<DocumentationExamples.Block> blocks = new ArrayList<>();
        for (String page : Files.readAllLines(PAGES, StandardCharsets.UTF_8)) {
            if (!page.isBlank() && !page.startsWith("#")) {
                blocks.addAll(DocumentationExamples.blocks(page.strip(),
                        Files.readString(Path.of(page.strip()), StandardCharsets.UTF_8)));
            }
        }
        assertThat(blocks).as("example blocks in the checked pages").hasSizeGreaterThan(10);

        String treeBefore = repositoryChanges();
        try (ChildPlatform platform = new ChildPlatform(temp.resolve("data"), Map.of()).start(Duration.ofMinutes(3))) {
            // The pages say http://localhost:8080, where `mvn spring-boot:run` listens.
            String port = platform.baseUrl().substring(platform.baseUrl().lastIndexOf(':') + 1);
            List<DocumentationExamples.Block> onThisPort = blocks.stream()
                    .map(block -> new DocumentationExamples.Block(block.page(), block.line(),
                            block.script().replace("localhost:8080", "localhost:" + port),
                            block.expectedOutput().map(lines -> lines.stream()
                                    .map(line -> line.replace("localhost:8080", "localhost:" + port)).toList())))
                    .toList();
            // ...and the scripts in docs/examples take the platform's address from LGSP_URL.
            List<DocumentationExamples.Failure> failures = DocumentationExamples.run(onThisPort,
                    Path.of("").toAbsolutePath(), Map.of("LGSP_URL", platform.baseUrl(), "GW_URL", platform.baseUrl()),
                    temp.resolve("run"), SESSION_TIMEOUT);
            assertThat(failures).as("examples that do not do what their page says (of %d run)", blocks.size())
                    .isEmpty();
        }
        assertThat(repositoryChanges()).as("files the examples changed or left in the repository")
                .isEqualTo(treeBefore);
    }

    /** The check itself: a failing command, a wrong output and a hang are each reported. */
    @Test
    void theCheckReportsAFailingCommandAWrongOutputAndAHang(@TempDir Path temp) throws IOException {
        String page = """
                # A page

                ```bash
                export GREETING=hello
                echo "$GREETING world"
                ```

                ```output
                hello …
                ```

                ```bash
                printf 'one\\ntwo\\nthree\\n'
                ```

                ```output
                one
                …
                ```

                ```bash not-checked
                exit 3
                ```

                ```bash
                echo "$GREETING again"
                ```

                ```output
                goodbye again
                ```

                ```bash
                false | cat
                echo never
                ```

                ```bash
                echo unreachable
                ```
                """;
        List<DocumentationExamples.Block> blocks = DocumentationExamples.blocks("page.md", page);
        assertThat(blocks).extracting(DocumentationExamples.Block::line).containsExactly(3, 12, 25, 33, 38);

        List<DocumentationExamples.Failure> failures = DocumentationExamples.run(blocks, temp, Map.of(), temp.resolve("run"),
                Duration.ofSeconds(20));
        assertThat(failures).extracting(failure -> failure.block().line()).containsExactly(25, 33);
        assertThat(failures.get(0).reason()).contains("goodbye again", "hello again");
        assertThat(failures.get(1).reason()).startsWith("exited with 1");

        List<DocumentationExamples.Failure> hang = DocumentationExamples.run(
                DocumentationExamples.blocks("hang.md", "```bash\nsleep 30\n```\n"), temp, Map.of(), temp.resolve("hang"),
                Duration.ofSeconds(1));
        assertThat(hang).singleElement().satisfies(failure -> assertThat(failure.reason()).startsWith("did not end"));
    }

    @Test
    void wildcardsMatchWithinALineAndAcrossLines() {
        assertThat(DocumentationExamples.matches(List.of("{\"id\":\"…\",\"status\":\"OK\"}"),
                List.of("{\"id\":\"42\",\"status\":\"OK\"}"))).isTrue();
        assertThat(DocumentationExamples.matches(List.of("{\"id\":\"…\",\"status\":\"OK\"}"),
                List.of("{\"id\":\"42\",\"status\":\"FAIL\"}"))).isFalse();
        assertThat(DocumentationExamples.matches(List.of("a", "…", "z"), List.of("a", "z"))).isTrue();
        assertThat(DocumentationExamples.matches(List.of("a", "…", "z"), List.of("a", "b", "c", "z"))).isTrue();
        assertThat(DocumentationExamples.matches(List.of("a", "…", "z"), List.of("a", "b", "y"))).isFalse();
        assertThat(DocumentationExamples.matches(List.of("a"), List.of("a", "b"))).isFalse();
        assertThat(DocumentationExamples.matches(List.of("a.c"), List.of("abc"))).as("no regex in pages").isFalse();
    }

    /**
     * What git sees changed or untracked in the repository (ignored files such as target/ aside);
     * empty outside a git checkout.
     */
    private static String repositoryChanges() throws IOException {
        Process git = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
                .redirectErrorStream(true).start();
        try {
            String status = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return git.waitFor(30, TimeUnit.SECONDS) && git.exitValue() == 0 ? status : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
