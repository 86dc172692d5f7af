package vn.gov.haiphong.lgsp.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.gov.haiphong.lgsp.PostgresTestSchema;

/**
 * The container image, checked without a container engine (none runs on the build machines): the
 * instructions of {@code etc/container/Containerfile} are carried out on this machine, in a folder
 * per stage, from the packaged jar ({@code mvn verify} runs this after {@code package}): the
 * extraction's RUN, the layer COPY lines, the CDS training RUN, then the ENTRYPOINT with the
 * image's ENV as the image's USER (where this test runs as root), in the prod profile against
 * real external services: this machine's PostgreSQL, an Artemis and a Kafka broker started here.
 * Ready is when the image's HEALTHCHECK command succeeds. The same start from the nested fat jar
 * is timed beside it. What is not checked here: the base image itself, and a build by a real
 * engine (docs/deployment.md).
 */
class ContainerImageIT {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath();
    private static final Duration READY_DEADLINE = Duration.ofMinutes(4);

    @TempDir
    Path tmp;

    private EmbeddedActiveMQ artemis;
    private EmbeddedKafkaServer kafka;
    private PostgresTestSchema schema;
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (Process process : started) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (kafka != null) {
            kafka.stop();
        }
        if (artemis != null) {
            artemis.stop();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void theImageStartsReadyInTheProdProfileFromItsLayersAndCdsArchive() throws Exception {
        Containerfile file = Containerfile.read(REPOSITORY.resolve(Containerfile.PATH));
        Containerfile.Stage image = file.finalStage();
        String user = image.last("USER").arguments().strip();
        int uid = Integer.parseInt(user.split(":")[0]);
        assertThat(uid).as("the image's USER is numeric and not root").isPositive();
        Map<String, String> imageEnv = image.env();
        assertThat(imageEnv).containsEntry("SPRING_PROFILES_ACTIVE", "prod");
        assertThat(imageEnv.keySet()).as("no secret baked into the image")
                .noneMatch(name -> name.matches("(?i).*(PASSWORD|SECRET|MASTER_KEY|TOKEN).*"));
        List<String> entrypoint = image.last("ENTRYPOINT").execForm();
        List<String> healthcheck = Containerfile.healthCommand(image.last("HEALTHCHECK"));

        // The build, stage by stage, as root like a container build.
        Path jar = fatJar();
        Map<String, Path> stageRoots = new HashMap<>();
        Path workdir = null;
        Map<String, String> buildEnv = new HashMap<>();
        buildEnv.put("LGSP_KAFKA_EMBEDDED_PORT", String.valueOf(freePort())); // the training run's broker,
        buildEnv.put("LGSP_KAFKA_EMBEDDED_CONTROLLERPORT", String.valueOf(freePort())); // off 9092 here
        long buildStarted = System.nanoTime();
        for (int s = 0; s < file.stages().size(); s++) {
            Containerfile.Stage stage = file.stages().get(s);
            Path root = Files.createDirectories(tmp.resolve("stage-" + s));
            stageRoots.put(stage.name() == null ? String.valueOf(s) : stage.name(), root);
            workdir = root;
            for (Containerfile.Instruction step : stage.instructions()) {
                switch (step.keyword()) {
                    case "WORKDIR" -> workdir = Files.createDirectories(inStage(root, workdir, step.arguments().strip()));
                    case "COPY" -> copy(step.arguments(), root, workdir, stageRoots);
                    case "RUN" -> run(step.arguments(), workdir, buildEnv);
                    default -> { } // ENV, USER, EXPOSE, HEALTHCHECK, ENTRYPOINT: taken at start below
                }
            }
        }
        Path app = workdir;
        System.out.printf("Containerfile carried out (extraction, layers, CDS training run) in %.1f s%n",
                (System.nanoTime() - buildStarted) / 1e9);
        assertThat(app.resolve("lib")).isDirectory();
        assertThat(Files.size(app.resolve("lgsp.jsa"))).as("CDS archive").isPositive();
        readOnlyForOthers(tmp);

        // The external services of the prod profile.
        schema = PostgresTestSchema.createOrSkip("lgsp_image", "the container image's start was");
        schema.migrate(); // both starts below find the schema up to date: neither is timed migrating
        int artemisPort = freePort();
        artemis = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setName("external-artemis").setPersistenceEnabled(false).setSecurityEnabled(false)
                .setJMXManagementEnabled(false).addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + artemisPort));
        artemis.start();
        kafka = new EmbeddedKafkaServer(tmp.resolve("kafka"), Path.of("etc/kafka/embedded-broker.properties"),
                freePort(), freePort());
        kafka.start();

        Path writable = Files.createDirectories(tmp.resolve("writable")); // the pod's /tmp emptyDir
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> env = new HashMap<>(imageEnv);
        env.putAll(ProdEnvironment.of(schema, "tcp://127.0.0.1:" + artemisPort, "unused-by-this-broker",
                kafka.bootstrapServers(), "container-image-test"));
        env.put("LGSP_DATADIR", writable.resolve("data").toString());
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("SERVER_PORT", String.valueOf(freePort())); // the image's 8080 may be taken on this machine

        Start fat = start("fat jar", List.of("java", "-jar", copyReadable(jar, writable).toString()), app, env,
                writable, uid, healthcheck);
        Start image1 = start("image", entrypoint, app, env, writable, uid, healthcheck);

        System.out.printf("Time to ready (HEALTHCHECK passes), prod profile, same machine, same run:%n"
                        + "  image start (extracted layers + CDS archive): %.1f s, %d of %d classes from the archive%n"
                        + "  nested fat jar (java -jar):                   %.1f s, %d of %d classes from the JDK's archive%n"
                        + "  load average: %s%n",
                image1.seconds, image1.sharedClasses, image1.classes, fat.seconds, fat.sharedClasses, fat.classes,
                Files.readString(Path.of("/proc/loadavg")).strip());
        assertThat(image1.sharedClasses).as("classes mapped from lgsp.jsa (its own top layer)")
                .isGreaterThan(image1.classes / 2);
        assertThat(image1.log).as("started in the prod profile").contains("profile is active").contains("prod");
        assertThat(image1.seconds).as("the image's start beats the fat jar's").isLessThan(fat.seconds);
    }

    private record Start(double seconds, long classes, long sharedClasses, String log) {
    }

    /** Starts {@code command} as the image would, times it to the HEALTHCHECK's first success, stops it. */
    private Start start(String label, List<String> command, Path workdir, Map<String, String> env, Path writable,
                        int uid, List<String> healthcheck) throws Exception {
        Path classLog = writable.resolve(label.replace(' ', '-') + "-classes.log");
        Path output = writable.resolve(label.replace(' ', '-') + ".log");
        List<String> full = new ArrayList<>();
        boolean dropToUser = "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes()).strip())
                && Files.isExecutable(Path.of("/usr/bin/setpriv"));
        if (dropToUser) {
            full.addAll(List.of("/usr/bin/setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).directory(workdir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        // Which classes came from a CDS archive, for the assertion; the same for both starts.
        builder.environment().put("JAVA_TOOL_OPTIONS",
                (env.getOrDefault("JAVA_TOOL_OPTIONS", "") + " -Xlog:class+load=info:file=" + classLog).strip());
        long began = System.nanoTime();
        Process process = builder.start();
        started.add(process);
        long deadline = began + READY_DEADLINE.toNanos();
        boolean ready = false;
        while (System.nanoTime() < deadline && process.isAlive()) {
            // The HEALTHCHECK runs inside the container, with its environment (SERVER_PORT).
            ProcessBuilder probe = new ProcessBuilder(healthcheck).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            probe.environment().putAll(env);
            Process check = probe.start();
            if (check.waitFor(3, TimeUnit.SECONDS) && check.exitValue() == 0) {
                ready = true;
                break;
            }
            check.destroyForcibly();
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        String log = Files.readString(output);
        assertThat(ready).as(label + " ready within " + READY_DEADLINE + "; its output:\n" + tail(log)).isTrue();
        if (dropToUser) {
            assertThat(Files.readString(Path.of("/proc/" + process.pid() + "/status")))
                    .as(label + " runs as the image's user").containsPattern("(?m)^Uid:\\s+" + uid + "\\s");
        }
        process.destroy(); // SIGTERM, as a container stop
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(label + " stops on SIGTERM").isTrue();
        long classes;
        long shared;
        try (Stream<String> lines = Files.lines(classLog)) {
            List<String> sources = lines.filter(l -> l.contains("source:")).toList();
            classes = sources.size();
            shared = sources.stream().filter(l -> l.contains("source: shared objects file (top)")).count();
            if (shared == 0) {
                shared = sources.stream().filter(l -> l.contains("source: shared objects file")).count();
            }
        }
        return new Start(seconds, classes, shared, log);
    }

    private static Path fatJar() throws IOException {
        try (Stream<Path> jars = Files.list(REPOSITORY.resolve("target"))) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().matches("lgsp-haiphong-.*\\.jar")).toList();
            assertThat(found).as("the packaged jar (this test runs in mvn verify, after package)").hasSize(1);
            return found.get(0);
        }
    }

    private static Path copyReadable(Path jar, Path dir) throws IOException {
        Path copy = dir.resolve("fat.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    /** An absolute path inside a stage's root, or a relative one under the current WORKDIR. */
    private static Path inStage(Path root, Path workdir, String path) {
        return path.startsWith("/") ? root.resolve(path.substring(1)) : workdir.resolve(path);
    }

    /** COPY [--from=stage] source destination, with a container build's meaning of trailing slashes. */
    private static void copy(String arguments, Path root, Path workdir, Map<String, Path> stageRoots) throws IOException {
        List<String> parts = new ArrayList<>(List.of(arguments.strip().split("\\s+")));
        Path sourceBase = REPOSITORY;
        if (parts.get(0).startsWith("--from=")) {
            String stage = parts.remove(0).substring("--from=".length());
            sourceBase = stageRoots.get(stage);
            assertThat(sourceBase).as("COPY from the stage " + stage).isNotNull();
        }
        assertThat(parts).as("COPY source destination: " + arguments).hasSize(2);
        String source = parts.get(0);
        String target = parts.get(1);
        Path from = resolveGlob(sourceBase, source.startsWith("/") ? source.substring(1) : source);
        Path to = inStage(root, workdir, target);
        if (Files.isDirectory(from)) {
            copyTree(from, to); // a directory's contents
        } else {
            Path file = target.endsWith("/") ? to.resolve(from.getFileName().toString()) : to;
            Files.createDirectories(file.getParent());
            Files.copy(from, file, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static Path resolveGlob(Path base, String pattern) throws IOException {
        if (!pattern.contains("*")) {
            return base.resolve(pattern);
        }
        Path dir = base.resolve(pattern).getParent();
        var matcher = dir.getFileSystem().getPathMatcher("glob:" + Path.of(pattern).getFileName());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> matcher.matches(f.getFileName())).toList();
            assertThat(found).as("COPY " + pattern + " matches one file").hasSize(1);
            return found.get(0);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path source : (Iterable<Path>) all::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** RUN in the shell form, as a container build runs it ({@code /bin/sh -c}). */
    private static void run(String command, Path workdir, Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(workdir.getParent(), "run", ".log");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(workdir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended && process.exitValue() == 0)
                .as("RUN " + command + " ended with 0; its output:\n" + tail(Files.readString(log))).isTrue();
        Files.delete(log);
    }

    /** The build's files: the image's user may read them, never write them (as root owns the image's). */
    private static void readOnlyForOthers(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static String tail(String text) {
        return text.length() <= 6000 ? text : text.substring(text.length() - 6000);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
