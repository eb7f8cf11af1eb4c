package dev.sluice.ui;

/** One project found, as the results page links it. */
public record SearchResult(String normalized, String display) {}
