package dev.sluice.inspection;

import dev.sluice.inspection.PythonTokens.Kind;
import dev.sluice.inspection.PythonTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure the code rules need from a Python module, built on its {@link PythonTokens}: its statements, each in
 * the function or class it belongs to (or the module's top level, the code that runs on import), the names its imports
 * bind ({@code import subprocess as sp}, {@code from urllib.request import urlopen}), and its calls with the dotted
 * name they resolve to, so that {@code sp.Popen(...)} is read as {@code subprocess.Popen}.
 */
final class PythonModule {
    enum ScopeKind { MODULE, CLASS, FUNCTION }

    /** Where code is: a module's top level, a class body or a function body; a class knows its bases as written. */
    record Scope(ScopeKind kind, String name, List<String> bases, Scope parent, int line) {
        /** The function or class this scope sits in, outermost last; the module itself has none. */
        boolean isInside(ScopeKind kind) {
            for (Scope s = this; s != null; s = s.parent) {
                if (s.kind == kind) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One logical line of code (a compound statement's header, or a whole one-line statement) and where it runs;
     * {@code index} is its place among the module's statements.
     */
    record Statement(List<Token> tokens, Scope scope, int line, int index) { }

    /** A call in a statement: the resolved dotted name and the tokens between its parentheses. */
    record Call(String name, Statement statement, int nameStart, List<Token> arguments) {
        int line() {
            return statement.tokens.get(nameStart).line();
        }
    }

    private final List<Statement> statements = new ArrayList<>();
    private final Map<String, String> imported = new HashMap<>();
    /** The calls of each statement by its index, found once for every rule that asks. */
    private final List<List<Call>> callsOf = new ArrayList<>();

    private PythonModule(List<Token> tokens) {
        Scope module = new Scope(ScopeKind.MODULE, "", List.of(), null, 1);
        Deque<Scope> blocks = new ArrayDeque<>();
        blocks.push(module);
        Scope opened = null; // the scope the last statement's block will be, when it ends with ':'
        List<Token> all = java.util.Collections.unmodifiableList(tokens);
        int start = 0; // a statement's tokens run between structure tokens: each statement is a view of the list
        for (int i = 0; i < tokens.size(); i++) {
            switch (tokens.get(i).kind()) {
                case NEWLINE -> {
                    if (i > start) {
                        Statement statement = new Statement(all.subList(start, i), blocks.peek(), tokens.get(start).line(),
                                statements.size());
                        statements.add(statement);
                        callsOf.add(null);
                        opened = blockOf(statement);
                        remember(statement);
                    }
                    start = i + 1;
                }
                case INDENT -> {
                    blocks.push(opened != null ? opened : blocks.peek());
                    opened = null;
                    start = i + 1;
                }
                case DEDENT -> {
                    if (blocks.size() > 1) {
                        blocks.pop();
                    }
                    start = i + 1;
                }
                default -> { }
            }
        }
    }

    static PythonModule parse(String text) {
        return new PythonModule(PythonTokens.of(text));
    }

    List<Statement> statements() {
        return statements;
    }

    /** The scope a block after this statement runs in: a new one for {@code def} and {@code class}, else its own. */
    private static Scope blockOf(Statement statement) {
        List<Token> t = statement.tokens;
        if (!t.get(t.size() - 1).is(":")) {
            return null;
        }
        int first = t.get(0).is("async") && t.size() > 1 ? 1 : 0;
        if (t.get(first).is("def") && t.size() > first + 1) {
            return new Scope(ScopeKind.FUNCTION, t.get(first + 1).text(), List.of(), statement.scope, statement.line);
        }
        if (t.get(0).is("class") && t.size() > 1) {
            List<String> bases = new ArrayList<>();
            StringBuilder base = new StringBuilder();
            for (int i = 2; i < t.size() && t.get(2).is("("); i++) {
                Token token = t.get(i);
                if (token.is(",") || token.is(")")) {
                    if (!base.isEmpty()) {
                        bases.add(base.toString());
                    }
                    base.setLength(0);
                } else if (token.kind() == Kind.NAME || token.is(".")) {
                    base.append(token.text());
                }
            }
            return new Scope(ScopeKind.CLASS, t.get(1).text(), bases, statement.scope, statement.line);
        }
        return statement.scope;
    }

    /** Records the names an import statement binds: {@code import a.b as c} binds c to a.b, {@code from m import x} x to m.x. */
    private void remember(Statement statement) {
        List<Token> t = statement.tokens;
        if (t.get(0).is("import")) {
            for (List<Token> part : split(t.subList(1, t.size()))) {
                String module = dotted(part, 0);
                int as = indexOf(part, "as");
                if (as >= 0 && as + 1 < part.size()) {
                    imported.put(part.get(as + 1).text(), module);
                }
            }
        } else if (t.get(0).is("from") && t.size() > 3) {
            int importAt = indexOf(t, "import");
            String module = dotted(t, 1);
            if (importAt < 0 || module.startsWith(".")) {
                return;
            }
            for (List<Token> part : split(t.subList(importAt + 1, t.size()))) {
                List<Token> names = part.stream().filter(x -> x.kind() == Kind.NAME).toList();
                if (names.size() == 1) {
                    imported.put(names.get(0).text(), module + "." + names.get(0).text());
                } else if (names.size() == 3 && names.get(1).is("as")) {
                    imported.put(names.get(2).text(), module + "." + names.get(0).text());
                }
            }
        }
    }

    /**
     * Every call in a statement (nested ones too: {@code exec(urlopen(u).read())} holds two), with its name resolved
     * through the module's imports. A method called on a value ({@code f().read()}) has no name of its own and is left
     * out; an attribute's call ({@code r.read()}) is named as written.
     */
    List<Call> calls(Statement statement) {
        List<Call> calls = callsOf.get(statement.index());
        if (calls == null) {
            calls = findCalls(statement);
            callsOf.set(statement.index(), calls);
        }
        return calls;
    }

    private List<Call> findCalls(Statement statement) {
        List<Call> calls = new ArrayList<>(0);
        List<Token> t = statement.tokens;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).kind() != Kind.NAME || i > 0 && (t.get(i - 1).is(".") || t.get(i - 1).is(")"))) {
                continue;
            }
            int end = i + 1;
            while (end + 1 < t.size() && t.get(end).is(".") && t.get(end + 1).kind() == Kind.NAME) {
                end += 2;
            }
            if (end < t.size() && t.get(end).is("(")) {
                calls.add(new Call(resolve(dotted(t, i)), statement, i, t.subList(end + 1, closing(t, end))));
            }
            i = end - 1; // the parts of a dotted name start no call of their own
        }
        return calls;
    }

    /** A dotted name as the module's imports make it: {@code sp.run} after {@code import subprocess as sp} is subprocess.run. */
    String resolve(String name) {
        int dot = name.indexOf('.');
        String head = dot < 0 ? name : name.substring(0, dot);
        String bound = imported.get(head);
        return bound == null ? name : bound + (dot < 0 ? "" : name.substring(dot));
    }

    /** The dotted name starting at token {@code start} ({@code a.b.c}), as written. */
    static String dotted(List<Token> t, int start) {
        StringBuilder name = new StringBuilder();
        for (int i = start; i < t.size() && (t.get(i).kind() == Kind.NAME || t.get(i).is(".")); i++) {
            if (i > start && t.get(i).kind() == Kind.NAME && t.get(i - 1).kind() == Kind.NAME) {
                break;
            }
            name.append(t.get(i).text());
        }
        return name.toString();
    }

    /** The index of the bracket closing the one at {@code open} (the statement's end when it is never closed). */
    static int closing(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            String s = t.get(i).text();
            if (t.get(i).kind() == Kind.OP && ("(".equals(s) || "[".equals(s) || "{".equals(s))) {
                depth++;
            } else if (t.get(i).kind() == Kind.OP && (")".equals(s) || "]".equals(s) || "}".equals(s)) && --depth == 0) {
                return i;
            }
        }
        return t.size();
    }

    private static List<List<Token>> split(List<Token> tokens) {
        List<List<Token>> parts = new ArrayList<>();
        List<Token> part = new ArrayList<>();
        for (Token token : tokens) {
            if (token.is(",")) {
                parts.add(part);
                part = new ArrayList<>();
            } else if (!token.is("(") && !token.is(")")) {
                part.add(token);
            }
        }
        parts.add(part);
        return parts;
    }

    private static int indexOf(List<Token> tokens, String text) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).is(text) && tokens.get(i).kind() == Kind.NAME) {
                return i;
            }
        }
        return -1;
    }
}
