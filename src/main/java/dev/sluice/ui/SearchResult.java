package dev.sluice.ui;

/** One project found, as the results page shows it; version, summary and source are empty where not known yet. */
public record SearchResult(String normalized, String display, String version, String summary, String source) {}
