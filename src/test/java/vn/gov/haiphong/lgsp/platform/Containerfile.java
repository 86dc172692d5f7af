package vn.gov.haiphong.lgsp.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The instructions of {@code etc/container/Containerfile}, read the way a container build reads
 * them (continuation lines joined, comments dropped, JSON exec forms parsed), for
 * {@link ContainerImageIT} to carry them out without a container engine. Only the instructions
 * the file uses are known: any other one fails the check rather than being silently skipped.
 */
record Containerfile(List<Stage> stages) {

    static final Path PATH = Path.of("etc/container/Containerfile");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FROM = Pattern.compile("(\\S+)(?:\\s+AS\\s+(\\S+))?", Pattern.CASE_INSENSITIVE);

    /** One instruction: its keyword (upper case) and the rest of its line. */
    record Instruction(String keyword, String arguments) {

        /** The exec form ({@code ["a", "b"]}) as a list. */
        List<String> execForm() {
            String json = arguments.strip();
            if (!json.startsWith("[")) {
                throw new IllegalStateException(keyword + " must use the exec form [\"...\"]: " + arguments);
            }
            try {
                return JSON.readValue(json, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new IllegalStateException(keyword + " is not a JSON array: " + arguments, e);
            }
        }
    }

    /** A build stage: {@code FROM image [AS name]} and its instructions. */
    record Stage(String image, String name, List<Instruction> instructions) {

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        /** The last one (the one in force), or an error naming what is missing. */
        Instruction last(String keyword) {
            List<Instruction> found = all(keyword);
            if (found.isEmpty()) {
                throw new IllegalStateException("The final stage has no " + keyword);
            }
            return found.get(found.size() - 1);
        }

        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (Instruction i : all("ENV")) {
                String[] pair = i.arguments().strip().split("=", 2);
                if (pair.length != 2 || pair[0].isBlank()) {
                    throw new IllegalStateException("ENV must be one NAME=value per instruction: " + i.arguments());
                }
                env.put(pair[0], pair[1]);
            }
            return env;
        }
    }

    static Containerfile read(Path file) throws IOException {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                current.append(trimmed);
                logical.add(current.toString().strip());
                current.setLength(0);
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (String line : logical) {
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String arguments = parts.length > 1 ? parts[1] : "";
            switch (keyword) {
                case "FROM" -> {
                    Matcher m = FROM.matcher(arguments.strip());
                    if (!m.matches()) {
                        throw new IllegalStateException("FROM not understood: " + arguments);
                    }
                    stages.add(new Stage(m.group(1), m.group(2), new ArrayList<>()));
                }
                case "WORKDIR", "COPY", "RUN", "ENV", "USER", "EXPOSE", "HEALTHCHECK", "ENTRYPOINT" -> {
                    if (stages.isEmpty()) {
                        throw new IllegalStateException(keyword + " before any FROM");
                    }
                    stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
                }
                default -> throw new IllegalStateException("Instruction not carried out by ContainerImageIT: " + line);
            }
        }
        return new Containerfile(List.copyOf(stages));
    }

    Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** HEALTHCHECK [options] CMD [...]: the command's exec form. */
    static List<String> healthCommand(Instruction healthcheck) {
        int cmd = healthcheck.arguments().indexOf("CMD ");
        if (cmd < 0) {
            throw new IllegalStateException("HEALTHCHECK without CMD: " + healthcheck.arguments());
        }
        return new Instruction("HEALTHCHECK", healthcheck.arguments().substring(cmd + 4)).execForm();
    }
}
