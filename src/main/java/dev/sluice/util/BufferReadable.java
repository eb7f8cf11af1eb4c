package dev.sluice.util;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A stream whose bytes can be read straight into a buffer. Given a direct buffer, a file's bytes go from the kernel
 * into it and from it to the socket, where a read into a byte array costs two copies more (the JDK passes heap
 * arrays through a buffer of its own both ways).
 */
public interface BufferReadable {
    /** Reads into {@code target}'s remaining space: how many bytes, or -1 at the end. */
    int read(ByteBuffer target) throws IOException;
}
