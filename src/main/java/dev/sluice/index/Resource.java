package dev.sluice.index;

import java.io.IOException;
import java.io.InputStream;

/** Bytes an index serves (a distribution file or its core metadata), with the sha256 that names them. */
public interface Resource {
    /** The length in bytes, or -1 while it is not known yet (a download in progress whose upstream did not say). */
    long size();

    String sha256();

    /** Reads {@code length} bytes from {@code offset} ({@code -1} for the rest). */
    InputStream openStream(long offset, long length) throws IOException;

    /** Which source holds these bytes and which gates passed them, for the usage log; null when not said. */
    default Provenance provenance() {
        return null;
    }

    /** This resource, saying which source holds it. */
    default Resource servedBy(String sourceName) {
        return withProvenance(Provenance.source(sourceName));
    }

    /** This resource, saying that a gate looked at the request and let it through. */
    default Resource passedGate(String gate) {
        Provenance known = provenance();
        return withProvenance((known == null ? Provenance.source(null) : known).withGate(gate));
    }

    /** This resource, with the provenance of another answer (the page it was derived from). */
    default Resource withProvenance(Provenance provenance) {
        Resource bytes = this;
        return new Resource() {
            @Override
            public long size() {
                return bytes.size();
            }

            @Override
            public String sha256() {
                return bytes.sha256();
            }

            @Override
            public InputStream openStream(long offset, long length) throws IOException {
                return bytes.openStream(offset, length);
            }

            @Override
            public Provenance provenance() {
                return provenance;
            }
        };
    }

    /** How a resource's bytes are read. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset, long length) throws IOException;
    }

    static Resource of(String sha256, long size, Opener opener) {
        return new Resource() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public String sha256() {
                return sha256;
            }

            @Override
            public InputStream openStream(long offset, long length) throws IOException {
                return opener.open(offset, length);
            }
        };
    }
}
