package dev.sluice.pep;

import dev.sluice.pep.MarkerNode.Comparison;
import dev.sluice.pep.MarkerNode.Group;
import dev.sluice.pep.MarkerNode.Operand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A PEP 508 environment marker such as {@code python_version >= "3.8" and sys_platform == "linux"},
 * printed and evaluated as packaging (23.0) does: a comparison whose right side forms a valid version
 * specifier compares versions, anything else compares strings; {@code extra} values are compared in
 * normal form. Unlike packaging 23.0, text after a complete marker is an error rather than ignored.
 */
public final class Marker {
    private final MarkerNode tree;

    Marker(MarkerNode tree) {
        this.tree = normalizeLeadingExtra(tree);
    }

    /**
     * Parses a marker.
     *
     * @throws Pep508SyntaxException with the position of the first problem
     */
    public static Marker parse(String text) {
        return new Marker(Pep508Parser.parseMarker(text));
    }

    /**
     * Evaluates the marker in an environment of marker variables ({@code python_version},
     * {@code sys_platform}, ..., and optionally {@code extra}, which defaults to the empty string).
     *
     * @throws MarkerEvaluationException when a variable is missing from the environment, when a version
     *     comparison meets a value that is not a version, or when an operator is undefined for strings
     */
    public boolean evaluate(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        if (env.get("extra") == null) {
            env.put("extra", "");
        }
        return evaluate(tree, env);
    }

    private static boolean evaluate(MarkerNode node, Map<String, String> env) {
        if (node instanceof Comparison c) {
            return evaluate(c, env);
        }
        // Every atom is evaluated (no short-circuit), so an error anywhere is reported as packaging does.
        Group group = (Group) node;
        boolean anyGroupTrue = false;
        boolean currentGroupTrue = true;
        for (int i = 0; i < group.atoms().size(); i++) {
            if (i > 0 && group.ops().get(i - 1).equals("or")) {
                anyGroupTrue |= currentGroupTrue;
                currentGroupTrue = true;
            }
            currentGroupTrue &= evaluate(group.atoms().get(i), env);
        }
        return anyGroupTrue || currentGroupTrue;
    }

    private static boolean evaluate(Comparison c, Map<String, String> env) {
        String key;
        String lhs;
        String rhs;
        if (c.lhs().variable()) {
            key = c.lhs().value();
            lhs = lookup(env, key);
            rhs = c.rhs().value();
        } else {
            key = c.rhs().value();
            lhs = c.lhs().value();
            rhs = lookup(env, key);
        }
        if (key.equals("extra")) {
            lhs = ProjectName.normalize(lhs);
            rhs = ProjectName.normalize(rhs);
        }
        String op = c.op();
        if (Specifier.isValid(op + rhs)) {
            try {
                return Specifier.parse(op + rhs).contains(Version.parse(lhs), true);
            } catch (InvalidVersionException e) {
                throw new MarkerEvaluationException("Cannot compare '" + lhs + "' " + op + " '" + rhs + "': "
                        + e.getMessage());
            }
        }
        return switch (op) {
            case "in" -> rhs.contains(lhs);
            case "not in" -> !rhs.contains(lhs);
            case "<" -> compareCodePoints(lhs, rhs) < 0;
            case "<=" -> compareCodePoints(lhs, rhs) <= 0;
            case "==" -> lhs.equals(rhs);
            case "!=" -> !lhs.equals(rhs);
            case ">=" -> compareCodePoints(lhs, rhs) >= 0;
            case ">" -> compareCodePoints(lhs, rhs) > 0;
            default -> throw new MarkerEvaluationException(
                    "Undefined " + op + " on '" + lhs + "' and '" + rhs + "' (not versions, and not defined for strings)");
        };
    }

    private static String lookup(Map<String, String> env, String key) {
        String value = env.get(key);
        if (value == null) {
            throw new MarkerEvaluationException("Undefined environment name '" + key + "'");
        }
        return value;
    }

    /** Python compares strings by code point, Java by UTF-16 unit; they differ above U+FFFF. */
    private static int compareCodePoints(String a, String b) {
        return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /**
     * packaging rewrites the operand facing {@code extra} in the first comparison (only that one) as a value
     * in normal form, even when it was a variable: {@code platform_machine == extra} becomes
     * {@code "platform-machine" == extra}. Kept, so that markers print and evaluate as pip sees them.
     */
    private static MarkerNode normalizeLeadingExtra(MarkerNode tree) {
        if (!(tree instanceof Group g) || !(g.atoms().get(0) instanceof Comparison c)) {
            return tree;
        }
        Comparison normalized = c;
        if (c.lhs().variable() && c.lhs().value().equals("extra")) {
            normalized = new Comparison(c.lhs(), c.op(), new Operand(ProjectName.normalize(c.rhs().value()), false));
        } else if (c.rhs().variable() && c.rhs().value().equals("extra")) {
            normalized = new Comparison(new Operand(ProjectName.normalize(c.lhs().value()), false), c.op(), c.rhs());
        }
        List<MarkerNode> atoms = new ArrayList<>(g.atoms());
        atoms.set(0, normalized);
        return new Group(atoms, g.ops());
    }

    @Override
    public String toString() {
        return format(tree, true);
    }

    private static String format(MarkerNode node, boolean outermost) {
        if (node instanceof Comparison c) {
            return c.lhs().serialize() + " " + c.op() + " " + c.rhs().serialize();
        }
        Group g = (Group) node;
        if (g.atoms().size() == 1) {
            return format(g.atoms().get(0), true);
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < g.atoms().size(); i++) {
            if (i > 0) {
                sb.append(' ').append(g.ops().get(i - 1)).append(' ');
            }
            sb.append(format(g.atoms().get(i), false));
        }
        return outermost ? sb.toString() : "(" + sb + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Marker m && toString().equals(m.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
