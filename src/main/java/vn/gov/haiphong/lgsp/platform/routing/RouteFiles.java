package vn.gov.haiphong.lgsp.platform.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import vn.gov.haiphong.lgsp.platform.Sha256;

/**
 * One set of routing tables with their cases, by file name: the {@code *.camel.yaml} tables of
 * {@code routes/} and the {@code tests/*.yaml} case files beside them. A version of the routing
 * is exactly such a set; its digest names it.
 */
public record RouteFiles(Map<String, String> tables, Map<String, String> cases) {

    public static final String TABLE_SUFFIX = ".camel.yaml";
    public static final String CASES_DIR = "tests";

    public RouteFiles {
        tables = Map.copyOf(tables);
        cases = Map.copyOf(cases);
    }

    /** The tables and cases of a routes directory as they are on disk now. */
    public static RouteFiles fromDirectory(Path dir) {
        return new RouteFiles(read(dir, TABLE_SUFFIX), read(dir.resolve(CASES_DIR), ".yaml"));
    }

    private static Map<String, String> read(Path dir, String suffix) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p))
                    .toList()) {
                files.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + dir, e);
        }
        return files;
    }

    /** The digest of the whole set (names and contents, in name order): equal sets, equal digests. */
    public String sha256() {
        StringBuilder all = new StringBuilder();
        new TreeMap<>(tables).forEach((name, text) -> all.append("table ").append(name).append('\n')
                .append(text.length()).append('\n').append(text));
        new TreeMap<>(cases).forEach((name, text) -> all.append("cases ").append(name).append('\n')
                .append(text.length()).append('\n').append(text));
        return Sha256.hex(all.toString());
    }

    /** A case file's path as an integrator sees it in the routes directory. */
    public static String casesPath(String name) {
        return CASES_DIR + "/" + name;
    }
}
