package dev.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * A report as people and tools read it: a table with a header and aligned columns (numbers to the right), or CSV
 * with a header row. (JSON is the server's answer as it came.)
 */
final class ReportTable {
    /**
     * Prints a server's JSON answer in the format asked for ({@code table}, {@code json} or {@code csv}): as it came,
     * or one row per element of its list {@code rows}.
     *
     * @param columns the report's columns (a name ending in # is a number)
     * @throws ParameterException for an unknown format, before anything is asked
     */
    static void print(CommandSpec spec, String format, Callable<String> ask, String rows, String[] columns,
            Function<JsonNode, String[]> cells) throws Exception {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new ParameterException(spec.commandLine(), "unknown --format '" + format + "': table, json or csv");
        }
        String answer = ask.call();
        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(answer.strip());
            return;
        }
        ReportTable table = new ReportTable(columns);
        UserCommand.JSON.readTree(answer).get(rows).forEach(row -> table.add(cells.apply(row)));
        if (format.equals("csv")) {
            table.printCsv(out);
        } else {
            table.printTable(out);
        }
    }

    private final List<String> headers;
    private final List<Boolean> numeric;
    private final List<List<String>> rows = new ArrayList<>();

    /** @param columns the column names; a name ending in {@code #} is a number column (aligned right, shown without the #) */
    ReportTable(String... columns) {
        this.headers = new ArrayList<>();
        this.numeric = new ArrayList<>();
        for (String column : columns) {
            boolean number = column.endsWith("#");
            headers.add(number ? column.substring(0, column.length() - 1) : column);
            numeric.add(number);
        }
    }

    void add(String... cells) {
        rows.add(List.of(cells));
    }

    void printTable(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(headers, widths));
        for (List<String> row : rows) {
            out.println(line(row, widths));
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }

    private String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c);
            boolean last = c == cells.size() - 1;
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(numeric.get(c) ? pad + cell : last ? cell : cell + pad);
            if (!last) {
                line.append("  ");
            }
        }
        return line.toString();
    }

    void printCsv(PrintWriter out) {
        out.println(csvLine(headers));
        for (List<String> row : rows) {
            out.println(csvLine(row));
        }
    }

    private static String csvLine(List<String> cells) {
        List<String> quoted = new ArrayList<>();
        for (String cell : cells) {
            boolean needs = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
            quoted.add(needs ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        return String.join(",", quoted);
    }

    /** Prints the server's JSON answer indented, as {@code show} commands do. */
    static void printJson(CommandSpec spec, String json) throws java.io.IOException {
        spec.commandLine().getOut().println(UserCommand.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(VulnerabilitiesCommand.read(json)));
    }
}
