package dev.sluice.bundle;

import java.util.List;

/** What one target needs: one file per project, by project name. */
public record Resolution(TargetEnvironment target, List<Candidate> files) {}
