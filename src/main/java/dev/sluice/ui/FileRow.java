package dev.sluice.ui;

/**
 * One file as a project page shows it: values already written for people; {@code verdict} is the inspection's when it
 * found something (suspicious), else empty.
 */
public record FileRow(String filename, String version, String python, String size, String uploaded, String sha256, boolean yanked,
        String yankReason, String verdict) {}
