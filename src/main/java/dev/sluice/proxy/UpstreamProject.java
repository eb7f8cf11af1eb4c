package dev.sluice.proxy;

import java.util.List;

/** A project page as the upstream served it, in one form whatever the upstream's (JSON or HTML). */
record UpstreamProject(String name, List<UpstreamFile> files, long upstreamSerial) {}
