package dev.sluice.inspection;

import dev.sluice.inspection.PythonModule.Call;
import dev.sluice.inspection.PythonModule.Scope;
import dev.sluice.inspection.PythonModule.ScopeKind;
import dev.sluice.inspection.PythonModule.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code install-hook}: code a source distribution's {@code setup.py} runs on the installing machine. A command class
 * replacing {@code install}, {@code develop} or {@code egg_info} (they run on every {@code pip install} of the sdist)
 * that reaches the network is malicious; one that starts processes or runs code is suspicious; the override alone is
 * a note. At the module's top level (run by every build), a network call is suspicious and a process a note: real
 * projects ask git for their version there. Build commands ({@code build_ext}) compile with processes and pass.
 */
final class InstallHook implements ContentRule {
    static final String ID = "install-hook";
    private static final Set<String> INSTALL_COMMANDS = Set.of("install", "develop", "egg_info", "install_lib",
            "install_scripts", "bdist_egg", "easy_install");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        if (!file.sdist || !isSetupScript(file.name) || !file.isPythonText()) {
            return;
        }
        PythonModule module = file.python();
        Map<Scope, Finding> byHook = new LinkedHashMap<>(); // one finding per hook class, the worst
        for (Statement statement : module.statements()) {
            Scope hook = installCommand(statement.scope());
            if (hook != null) {
                byHook.computeIfAbsent(hook, h -> new Finding(ID, Finding.Severity.NOTE, file.name, h.line(),
                        "the " + h.name() + " command replaces " + String.join(", ", h.bases()) + ": " + file.line(h.line()).strip()));
            }
            for (Call call : module.calls(statement)) {
                boolean network = RiskyCalls.network(call.name());
                boolean process = RiskyCalls.process(call.name());
                if (hook != null && (network || process || RiskyCalls.runsCode(call.name()))) {
                    Finding.Severity severity = network ? Finding.Severity.MALICIOUS : Finding.Severity.SUSPICIOUS;
                    if (severity.compareTo(byHook.get(hook).severity()) < 0) {
                        byHook.put(hook, new Finding(ID, severity, file.name, call.line(), "the " + hook.name() + " command ("
                                + String.join(", ", hook.bases()) + ") calls " + call.name() + ": " + file.line(call.line()).strip()));
                    }
                } else if (hook == null && statement.scope().kind() == ScopeKind.MODULE && (network || process)) {
                    findings.accept(new Finding(ID, network ? Finding.Severity.SUSPICIOUS : Finding.Severity.NOTE, file.name,
                            call.line(), "setup.py calls " + call.name() + " when run: " + file.line(call.line()).strip()));
                }
            }
        }
        byHook.values().forEach(findings);
    }

    /** The install command class this code runs in, or null. */
    private static Scope installCommand(Scope scope) {
        for (Scope s = scope; s != null; s = s.parent()) {
            if (s.kind() == ScopeKind.CLASS && s.bases().stream().anyMatch(InstallHook::isInstallCommand)) {
                return s;
            }
        }
        return null;
    }

    private static boolean isInstallCommand(String base) {
        String last = base.substring(base.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT).replaceFirst("^_+", "");
        return INSTALL_COMMANDS.contains(last) || INSTALL_COMMANDS.contains(last.replaceFirst("^(orig|original|base)_?", ""));
    }

    /** A setup.py at the top of the sdist ({@code name-1.0/setup.py}), the one pip runs. */
    static boolean isSetupScript(String name) {
        int slash = name.indexOf('/');
        return name.endsWith("setup.py") && (name.equals("setup.py") || name.indexOf('/', slash + 1) < 0 && name.substring(slash + 1).equals("setup.py"));
    }
}
