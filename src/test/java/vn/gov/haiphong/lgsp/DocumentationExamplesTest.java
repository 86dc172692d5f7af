package vn.gov.haiphong.lgsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples check itself ({@link DocumentationExamples}): what it runs, matches and reports. */
class DocumentationExamplesTest {

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
}
