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
 * on an example that leaves files in the repository. An integration test (run by
 * {@code mvn -B verify}, after the package): some examples run the packaged jar. Run alone:
 * {@code mvn -B verify -Dit.test=DocumentationExamplesIT -Dtest=None -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DocumentationExamplesIT {

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
