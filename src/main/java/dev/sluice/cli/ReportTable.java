package dev.sluice.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as people and tools read it: a table with a header and aligned columns (numbers to the right), or CSV
 * with a header row. (JSON is the server's answer as it came.)
 */
final class ReportTable {
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
}
