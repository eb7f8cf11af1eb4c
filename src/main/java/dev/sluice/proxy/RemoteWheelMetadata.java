package dev.sluice.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a remote wheel's METADATA with HTTP range requests, fetching the zip's end record, its central
 * directory and the one entry, a few kilobytes, instead of the whole wheel; what the first range brought is not
 * asked for again. When that first range holds the whole wheel (a small one), the wheel itself is the answer, to be
 * kept as the file. Answers null when the upstream ignores Range requests (the caller then falls back to the whole
 * file). The entry must be the wheel's only top-level {@code *.dist-info/METADATA} and at most 16 MiB, as for uploads.
 */
final class RemoteWheelMetadata {
    private static final int END_RECORD = 0x06054b50;
    private static final int CENTRAL_ENTRY = 0x02014b50;
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int FIRST_TAIL = 16 * 1024;
    private static final int FULL_TAIL = 22 + 0xFFFF;
    private static final int MAX_METADATA = 16 << 20;
    private static final Pattern METADATA = Pattern.compile("[^/]+\\.dist-info/METADATA");

    private final UpstreamHttp client;
    private final URI url;

    private RemoteWheelMetadata(UpstreamHttp client, URI url) {
        this.client = client;
        this.url = url;
    }

    /** What was read: the METADATA, or, when the first range held all of it, the whole wheel instead. */
    record Read(byte[] metadata, byte[] wholeWheel) {}

    /** The METADATA (or the whole small wheel), or null when the upstream does not answer ranges. */
    static Read read(UpstreamHttp client, URI url) throws UpstreamException, IOException {
        return new RemoteWheelMetadata(client, url).read();
    }

    private record Range(byte[] bytes, long start, long total) {
        /** The bytes from {@code from} on, {@code length} of them, when this range holds them all; else null. */
        byte[] slice(long from, long length) {
            if (from < start || from + length > start + bytes.length) {
                return null;
            }
            int offset = (int) (from - start);
            return java.util.Arrays.copyOfRange(bytes, offset, offset + (int) length);
        }
    }

    private Read read() throws UpstreamException, IOException {
        Range tail = range("bytes=-" + FIRST_TAIL);
        if (tail == null) {
            return null;
        }
        if (tail.start() == 0 && tail.bytes().length == tail.total()) {
            return new Read(null, tail.bytes());
        }
        int end = findEndRecord(tail.bytes());
        if (end < 0 && tail.total() > tail.bytes().length) {
            tail = range("bytes=-" + FULL_TAIL);
            end = tail == null ? -1 : findEndRecord(tail.bytes());
        }
        if (tail == null || end < 0) {
            throw new IOException("no zip end record in the last " + FULL_TAIL + " bytes: not a wheel");
        }
        ByteBuffer record = ByteBuffer.wrap(tail.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        long directorySize = record.getInt(end + 12) & 0xFFFFFFFFL;
        long directoryOffset = record.getInt(end + 16) & 0xFFFFFFFFL;
        if (directoryOffset == 0xFFFFFFFFL || directorySize > 64L << 20 || directoryOffset + directorySize > tail.total()) {
            throw new IOException("a zip64 or inconsistent central directory: read by downloading the wheel instead");
        }
        byte[] directory;
        if (directoryOffset >= tail.start()) {
            int from = (int) (directoryOffset - tail.start());
            directory = java.util.Arrays.copyOfRange(tail.bytes(), from, from + (int) directorySize);
        } else {
            Range fetched = range("bytes=" + directoryOffset + "-" + (directoryOffset + directorySize - 1));
            if (fetched == null) {
                return null;
            }
            directory = fetched.bytes();
        }
        Entry entry = metadataEntry(directory);
        ByteBuffer local = ByteBuffer.wrap(bytes(tail, entry.localHeader(), 30)).order(ByteOrder.LITTLE_ENDIAN);
        if (local.getInt(0) != LOCAL_HEADER) {
            throw new IOException("the METADATA entry's local header is missing");
        }
        long dataStart = entry.localHeader() + 30 + (local.getShort(26) & 0xFFFF) + (local.getShort(28) & 0xFFFF);
        byte[] data = entry.compressedSize() == 0 ? new byte[0] : bytes(tail, dataStart, entry.compressedSize());
        return new Read(decompress(entry, data), null);
    }

    /** Bytes of the wheel: from the range already fetched when it holds them, else with one more range request. */
    private byte[] bytes(Range fetched, long from, long length) throws UpstreamException, IOException {
        byte[] held = fetched.slice(from, length);
        if (held != null) {
            return held;
        }
        Range more = range("bytes=" + from + "-" + (from + length - 1));
        if (more == null) {
            throw new IOException("the upstream stopped answering range requests");
        }
        return more.bytes();
    }

    private record Entry(String name, int method, long compressedSize, long size, long crc, long localHeader) {}

    private static Entry metadataEntry(byte[] directory) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(directory).order(ByteOrder.LITTLE_ENDIAN);
        List<Entry> found = new ArrayList<>();
        int at = 0;
        while (at + 46 <= directory.length && b.getInt(at) == CENTRAL_ENTRY) {
            int nameLength = b.getShort(at + 28) & 0xFFFF;
            int extraLength = b.getShort(at + 30) & 0xFFFF;
            int commentLength = b.getShort(at + 32) & 0xFFFF;
            String name = new String(directory, at + 46, nameLength, StandardCharsets.UTF_8);
            if (METADATA.matcher(name).matches()) {
                found.add(new Entry(name, b.getShort(at + 10) & 0xFFFF, b.getInt(at + 20) & 0xFFFFFFFFL,
                        b.getInt(at + 24) & 0xFFFFFFFFL, b.getInt(at + 16) & 0xFFFFFFFFL, b.getInt(at + 42) & 0xFFFFFFFFL));
            }
            at += 46 + nameLength + extraLength + commentLength;
        }
        if (found.size() != 1) {
            throw new IOException(found.isEmpty() ? "the wheel has no *.dist-info/METADATA"
                    : "the wheel has more than one METADATA: " + found.stream().map(Entry::name).toList());
        }
        Entry entry = found.get(0);
        if (entry.size() > MAX_METADATA || entry.compressedSize() > MAX_METADATA) {
            throw new IOException("the wheel's METADATA is larger than " + MAX_METADATA + " bytes");
        }
        return entry;
    }

    private static byte[] decompress(Entry entry, byte[] data) throws IOException {
        byte[] out;
        if (entry.method() == 0) {
            out = data;
        } else if (entry.method() == 8) {
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(data);
                out = new byte[(int) entry.size()];
                int n = 0;
                while (n < out.length && !inflater.finished()) {
                    int got = inflater.inflate(out, n, out.length - n);
                    if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    n += got;
                }
                if (n != out.length) {
                    throw new IOException("the wheel's METADATA inflates to " + n + " bytes, its directory says " + out.length);
                }
            } catch (DataFormatException e) {
                throw new IOException("the wheel's METADATA does not inflate: " + e.getMessage(), e);
            } finally {
                inflater.end();
            }
        } else {
            throw new IOException("the wheel's METADATA uses zip method " + entry.method() + " (only stored and deflate are read)");
        }
        CRC32 crc = new CRC32();
        crc.update(out);
        if (crc.getValue() != entry.crc()) {
            throw new IOException("the wheel's METADATA fails its CRC check");
        }
        return out;
    }

    private static int findEndRecord(byte[] tail) {
        ByteBuffer b = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = tail.length - 22; at >= 0; at--) {
            if (b.getInt(at) == END_RECORD) {
                return at;
            }
        }
        return -1;
    }

    /** One range request; null when the upstream answered with the whole file instead. */
    private Range range(String range) throws UpstreamException, IOException {
        try (UpstreamClient.Response response = client.get(url, Map.of("Range", range))) {
            if (response.status() == 200) {
                return null;
            }
            if (response.status() != 206) {
                throw new UpstreamException(502, "answered " + response.status() + " to a range request for " + url);
            }
            String contentRange = response.header("Content-Range");
            java.util.regex.Matcher m = contentRange == null ? null
                    : Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)").matcher(contentRange.strip());
            if (m == null || !m.matches()) {
                throw new UpstreamException(502, "sent a range without a usable Content-Range: " + contentRange);
            }
            long start = Long.parseLong(m.group(1));
            long length = Long.parseLong(m.group(2)) - start + 1;
            if (length > FULL_TAIL + (64L << 20)) {
                throw new UpstreamException(502, "sent a larger range than asked for");
            }
            return new Range(readExactly(response.body(), (int) length), start, Long.parseLong(m.group(3)));
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(length);
        byte[] buffer = new byte[16 * 1024];
        int n;
        while (out.size() < length && (n = in.read(buffer, 0, Math.min(buffer.length, length - out.size()))) > 0) {
            out.write(buffer, 0, n);
        }
        if (out.size() != length) {
            throw new IOException("the range ended after " + out.size() + " of " + length + " bytes");
        }
        return out.toByteArray();
    }
}
