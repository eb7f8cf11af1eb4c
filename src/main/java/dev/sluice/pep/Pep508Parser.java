package dev.sluice.pep;

import dev.sluice.pep.MarkerNode.Comparison;
import dev.sluice.pep.MarkerNode.Group;
import dev.sluice.pep.MarkerNode.Operand;
import dev.sluice.pep.Pep508Tokenizer.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for PEP 508 dependency specifiers and markers. The grammar, and which strings
 * it accepts, follow packaging's parser:
 *
 * <pre>
 * requirement = WS? IDENTIFIER WS? extras WS? (AT URL (WS marker?)? | specifier WS? marker?) END
 * extras      = ('[' WS? (IDENTIFIER (WS? ',' WS? IDENTIFIER)*)? WS? ']')?
 * specifier   = '(' WS? versions WS? ')' | WS? versions WS?
 * marker      = atom (BOOLOP atom)*;   atom = WS? '(' WS? marker WS? ')' WS? | WS? item WS?
 * item        = var WS? op WS? var;    var = VARIABLE | QUOTED_STRING
 * </pre>
 */
final class Pep508Parser {
    record ParsedRequirement(String name, String url, List<String> extras, String specifier, MarkerNode marker) {}

    private final Pep508Tokenizer tokens;

    private Pep508Parser(String source) {
        this.tokens = new Pep508Tokenizer(source);
    }

    static ParsedRequirement parseRequirement(String source) {
        return new Pep508Parser(source).requirement();
    }

    static MarkerNode parseMarker(String source) {
        Pep508Parser parser = new Pep508Parser(source);
        MarkerNode marker = parser.marker();
        parser.tokens.expect(Rule.END, "end of marker expression");
        return marker;
    }

    private ParsedRequirement requirement() {
        tokens.consume(Rule.WS);
        String name = tokens.expect(Rule.IDENTIFIER, "package name at the start of dependency specifier").text();
        tokens.consume(Rule.WS);
        List<String> extras = extras();
        tokens.consume(Rule.WS);
        String url = "";
        String specifier = "";
        MarkerNode marker = null;
        if (tokens.check(Rule.AT)) {
            tokens.read();
            tokens.consume(Rule.WS);
            int urlStart = tokens.position();
            url = tokens.expect(Rule.URL, "URL after @").text();
            if (!tokens.check(Rule.END, true)) {
                tokens.expect(Rule.WS, "whitespace after URL");
                if (!tokens.check(Rule.END, true)) {
                    marker = requirementMarker(urlStart, "URL and whitespace");
                }
            }
        } else {
            int specifierStart = tokens.position();
            specifier = specifier();
            tokens.consume(Rule.WS);
            if (!tokens.check(Rule.END, true)) {
                marker = requirementMarker(specifierStart,
                        specifier.isEmpty() ? "name and no valid version specifier" : "version specifier");
            }
        }
        tokens.expect(Rule.END, "end of dependency specifier");
        return new ParsedRequirement(name, url, extras, specifier, marker);
    }

    private MarkerNode requirementMarker(int spanStart, String after) {
        if (!tokens.check(Rule.SEMICOLON)) {
            throw tokens.syntaxError("Expected end or semicolon (after " + after + ")", spanStart, tokens.position());
        }
        tokens.read();
        MarkerNode marker = marker();
        tokens.consume(Rule.WS);
        return marker;
    }

    private List<String> extras() {
        List<String> extras = new ArrayList<>();
        if (!tokens.check(Rule.LEFT_BRACKET, true)) {
            return extras;
        }
        int open = openEnclosing(Rule.LEFT_BRACKET);
        tokens.consume(Rule.WS);
        if (tokens.check(Rule.IDENTIFIER)) {
            extras.add(tokens.read().text());
            while (true) {
                tokens.consume(Rule.WS);
                if (tokens.check(Rule.IDENTIFIER, true)) {
                    throw tokens.syntaxError("Expected comma between extra names");
                } else if (!tokens.check(Rule.COMMA)) {
                    break;
                }
                tokens.read();
                tokens.consume(Rule.WS);
                extras.add(tokens.expect(Rule.IDENTIFIER, "extra name after comma").text());
            }
        }
        tokens.consume(Rule.WS);
        closeEnclosing(open, Rule.RIGHT_BRACKET);
        return extras;
    }

    private String specifier() {
        int open = openEnclosing(Rule.LEFT_PARENTHESIS);
        tokens.consume(Rule.WS);
        StringBuilder specifiers = new StringBuilder();
        while (tokens.check(Rule.SPECIFIER)) {
            specifiers.append(tokens.read().text());
            tokens.consume(Rule.WS);
            if (!tokens.check(Rule.COMMA)) {
                break;
            }
            specifiers.append(tokens.read().text());
            tokens.consume(Rule.WS);
        }
        tokens.consume(Rule.WS);
        closeEnclosing(open, Rule.RIGHT_PARENTHESIS);
        return specifiers.toString();
    }

    private MarkerNode marker() {
        List<MarkerNode> atoms = new ArrayList<>();
        List<String> ops = new ArrayList<>();
        atoms.add(markerAtom());
        while (tokens.check(Rule.BOOLOP)) {
            ops.add(tokens.read().text());
            atoms.add(markerAtom());
        }
        return new Group(atoms, ops);
    }

    private MarkerNode markerAtom() {
        tokens.consume(Rule.WS);
        MarkerNode atom;
        if (tokens.check(Rule.LEFT_PARENTHESIS, true)) {
            int open = openEnclosing(Rule.LEFT_PARENTHESIS);
            tokens.consume(Rule.WS);
            atom = marker();
            tokens.consume(Rule.WS);
            closeEnclosing(open, Rule.RIGHT_PARENTHESIS);
        } else {
            tokens.consume(Rule.WS);
            Operand lhs = markerVar();
            tokens.consume(Rule.WS);
            String op = markerOp();
            tokens.consume(Rule.WS);
            Operand rhs = markerVar();
            tokens.consume(Rule.WS);
            atom = new Comparison(lhs, op, rhs);
        }
        tokens.consume(Rule.WS);
        return atom;
    }

    private Operand markerVar() {
        if (tokens.check(Rule.VARIABLE)) {
            String name = tokens.read().text().replace('.', '_');
            boolean implementation = name.equals("platform_python_implementation")
                    || name.equals("python_implementation");
            return new Operand(implementation ? "platform_python_implementation" : name, true);
        }
        if (tokens.check(Rule.QUOTED_STRING)) {
            Pep508Tokenizer.Token token = tokens.read();
            return new Operand(PythonStringLiteral.decode(token.text(), tokens, token.position()), false);
        }
        throw tokens.syntaxError("Expected a marker variable or quoted string");
    }

    private String markerOp() {
        if (tokens.check(Rule.IN)) {
            tokens.read();
            return "in";
        }
        if (tokens.check(Rule.NOT)) {
            tokens.read();
            tokens.expect(Rule.WS, "whitespace after 'not'");
            tokens.expect(Rule.IN, "'in' after 'not'");
            return "not in";
        }
        if (tokens.check(Rule.OP)) {
            return tokens.read().text();
        }
        throw tokens.syntaxError("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
    }

    /** Reads the opening token if present; returns its position, or -1 when there was none. */
    private int openEnclosing(Rule open) {
        if (!tokens.check(open)) {
            return -1;
        }
        int position = tokens.position();
        tokens.read();
        return position;
    }

    private void closeEnclosing(int openPosition, Rule close) {
        if (openPosition < 0) {
            return;
        }
        if (!tokens.check(close)) {
            throw tokens.syntaxError("Expected closing " + close, openPosition, tokens.position());
        }
        tokens.read();
    }
}
