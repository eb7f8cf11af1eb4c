package dev.sluice.index;

import java.io.IOException;
import java.io.InputStream;

/** Bytes an index serves (a distribution file or its core metadata), with the sha256 that names them. */
public interface Resource {
    long size();

    String sha256();

    /** Reads {@code length} bytes from {@code offset}. */
    InputStream openStream(long offset, long length) throws IOException;
}
