package dev.sluice.pep;

import java.util.List;

/** The syntax tree of an environment marker, as PEP 508 builds it from items, {@code and}, {@code or}. */
sealed interface MarkerNode {
    /** Atoms joined by boolean operators, left to right; {@code ops.size() == atoms.size() - 1}. */
    record Group(List<MarkerNode> atoms, List<String> ops) implements MarkerNode {}

    /** {@code lhs op rhs}, such as {@code python_version >= "3.8"} or {@code "linux" in sys_platform}. */
    record Comparison(Operand lhs, String op, Operand rhs) implements MarkerNode {}

    /** A marker variable ({@code os_name}) or a string value ({@code "posix"}). */
    record Operand(String value, boolean variable) {
        String serialize() {
            return variable ? value : "\"" + value + "\"";
        }
    }
}
