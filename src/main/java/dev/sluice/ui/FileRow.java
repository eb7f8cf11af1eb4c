package dev.sluice.ui;

/** One file as a project page shows it: values already written for people. */
public record FileRow(String filename, String version, String size, String uploaded, String sha256, boolean yanked,
        String yankReason) {}
