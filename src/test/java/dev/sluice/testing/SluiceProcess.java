package dev.sluice.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged jar ({@code target/sluice.jar}) run as its own process, as a user starts it. */
public final class SluiceProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Sluice listening on (http://127\\.0\\.0\\.1:(\\d+))/");

    private final Process process;
    private final String base;
    private final int port;
    private final String startupOutput;
    private final Listening listening;

    private SluiceProcess(Process process, String base, int port, Listening listening) {
        this.process = process;
        this.base = base;
        this.port = port;
        this.startupOutput = listening.before();
        this.listening = listening;
    }

    /** Starts {@code java -jar target/sluice.jar serve ARGS} in {@code workingDirectory} and waits until it listens. */
    public static SluiceProcess start(Path workingDirectory, Map<String, String> env, String... serveArgs) throws Exception {
        return start(workingDirectory, env, List.of(), serveArgs);
    }

    /** As {@link #start}, with JVM options such as {@code -Xmx128m}. */
    public static SluiceProcess start(Path workingDirectory, Map<String, String> env, List<String> jvmOptions,
            String... serveArgs) throws Exception {
        Path jar = Path.of("target/sluice.jar").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        command.addAll(List.of(serveArgs));
        return run(workingDirectory, env, command);
    }

    /** Runs a command that starts Sluice's server (a launcher script, say) and waits until it listens. */
    public static SluiceProcess run(Path workingDirectory, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true);
        // Hermetic: an operator's SLUICE_* settings (an admin token, say) must not change what the test sees.
        builder.environment().keySet().removeIf(name -> name.startsWith("SLUICE_"));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            Listening listening = CompletableFuture.supplyAsync(() -> awaitListening(process)).get(60, TimeUnit.SECONDS);
            return new SluiceProcess(process, listening.line().group(1), Integer.parseInt(listening.line().group(2)),
                    listening);
        } catch (Exception e) {
            process.destroyForcibly();
            throw e;
        }
    }

    public String base() {
        return base;
    }

    public int port() {
        return port;
    }

    /** What the process printed (JVM and log lines) until it said it listens. */
    public String startupOutput() {
        return startupOutput;
    }

    /** Every line the process printed so far, the startup's included (once it has ended: every line it printed). */
    public java.util.List<String> output() throws InterruptedException {
        if (!process.isAlive()) {
            listening.drain().join(10_000);
        }
        java.util.List<String> all = new ArrayList<>(startupOutput.lines().toList());
        all.addAll(listening.after());
        return all;
    }

    /** SIGHUP: read the config file again. */
    public void hangup() throws java.io.IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -HUP " + process.pid() + " failed");
        }
    }

    /** SIGKILL: no shutdown hook, no flush, no cleanup. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and whether it stopped within 30 seconds. */
    public boolean stop() throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The exit status once stopped. */
    public int exitValue() {
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private record Listening(Matcher line, String before, Thread drain, java.util.Queue<String> after) {}

    /** Reads the output until the listening line; keeps reading it afterwards (kept), so the server never blocks. */
    private static Listening awaitListening(Process process) {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                seen.append(line).append('\n');
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    java.util.Queue<String> after = new java.util.concurrent.ConcurrentLinkedQueue<>();
                    Thread drain = new Thread(() -> lines.lines().forEach(after::add), "sluice-output-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return new Listening(m, seen.toString(), drain, after);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("Sluice exited without listening:\n" + seen);
    }
}
