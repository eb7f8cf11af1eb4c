package dev.sluice.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs real Python packaging clients (pip, twine, poetry, pdm) isolated from this machine's own settings:
 * no inherited PIP_/TWINE_/POETRY_/PDM_ variables, pip's config file off, and a private HOME so that
 * poetry and pdm read and write nothing outside the test.
 */
public final class PythonTools {
    /** Debian's Python with its pip 23.0.1 and the Debian packaging tools. */
    public static final String DEBIAN_PYTHON = "/usr/bin/python3";

    public record Result(int exitCode, String output) {
        public Result requireSuccess(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private final Path home;

    public PythonTools(Path home) throws IOException {
        this.home = Files.createDirectories(home);
    }

    public Result run(Path workDir, Map<String, String> extraEnv, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("PIP_") || k.startsWith("TWINE_") || k.startsWith("POETRY_") || k.startsWith("SLUICE_")
                || k.startsWith("PDM_") || k.startsWith("PYTHON") || k.equals("VIRTUAL_ENV"));
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        env.put("PIP_CONFIG_FILE", "/dev/null");
        env.put("PIP_DISABLE_PIP_VERSION_CHECK", "1");
        env.put("PIP_NO_INPUT", "1");
        env.put("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring");
        env.put("PDM_CHECK_UPDATE", "false");
        env.put("PDM_USE_VENV", "false");
        env.put("NO_COLOR", "1");
        env.putAll(extraEnv);
        Path log = Files.createTempFile(home, "run", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 5 minutes:\n" + Files.readString(log));
        }
        return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    public Result run(Path workDir, String... command) throws IOException, InterruptedException {
        return run(workDir, Map.of(), command);
    }

    /** twine upload to a Sluice server with the admin token. */
    public Result twineUpload(SluiceHarness sluice, List<Path> files, String... options) throws IOException, InterruptedException {
        return twineUpload(sluice, SluiceHarness.TOKEN, files, options);
    }

    /** twine upload to a Sluice server with an API token. */
    public Result twineUpload(SluiceHarness sluice, String token, List<Path> files, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("twine", "upload", "--non-interactive", "--disable-progress-bar"));
        command.addAll(List.of(options));
        files.forEach(f -> command.add(f.toString()));
        return run(home, Map.of("TWINE_REPOSITORY_URL", sluice.uploadUrl(), "TWINE_USERNAME", "__token__",
                "TWINE_PASSWORD", token), command.toArray(String[]::new));
    }

    /** pip install into a fresh target directory from the server's simple index. */
    public Result pipInstall(String python, SluiceHarness sluice, Path target, String... requirements)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(python, "-m", "pip", "install", "--no-cache-dir", "--target",
                target.toString(), "--index-url", sluice.simpleUrl()));
        command.addAll(List.of(requirements));
        return run(home, command.toArray(String[]::new));
    }

    /** The interpreter the pyenv 'python3' on PATH runs (its shims need the real HOME, so resolve it once). */
    public static String pyenvPython() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", "-c", "import sys; print(sys.executable)").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0 || out.isEmpty()) {
            throw new AssertionError("cannot find the pyenv python3: " + out);
        }
        return out;
    }

    /** A pip 24 or newer wheel already on this machine (pyenv's or the Cloud SDK's bundled one). */
    public static Path newerPipWheel() throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String root : List.of("/root/.pyenv/versions", "/usr/lib/google-cloud-sdk")) {
            if (Files.isDirectory(Path.of(root))) {
                try (Stream<Path> files = Files.find(Path.of(root), 8, (p, a) -> p.getFileName().toString()
                        .matches("pip-(2[4-9]|[3-9][0-9])\\..*-py3-none-any\\.whl"))) {
                    files.forEach(candidates::add);
                }
            }
        }
        Optional<Path> newest = candidates.stream().max(Comparator.comparing(p -> p.getFileName().toString()));
        return newest.orElseThrow(() -> new AssertionError("no pip 24+ wheel found under /root/.pyenv or the Cloud SDK"));
    }

    /** A virtual environment (from pyenv's Python) whose pip is the given wheel. Returns its python. */
    public String venvWithPip(Path venv, Path pipWheel) throws IOException, InterruptedException {
        // --copies: no links out of the test's temporary directory
        run(home, pyenvPython(), "-m", "venv", "--copies", venv.toString()).requireSuccess("creating a venv");
        String python = venv.resolve("bin/python").toString();
        run(home, python, "-m", "pip", "install", "--no-index", pipWheel.toString()).requireSuccess("installing " + pipWheel);
        return python;
    }

    public Path home() {
        return home;
    }

    /**
     * Deletes the symbolic links under {@code root} (virtual environments link to the system Python), so that
     * cleaning a test's temporary directory never meets a link to the outside. Only the links are removed.
     */
    public static void deleteSymbolicLinks(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isSymbolicLink).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Environment for one tool invocation. */
    public static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }
}
