package dev.sluice.vulnerabilities;

import dev.sluice.pep.Version;
import java.util.Arrays;

/**
 * Fuzz target for OSV records (the first byte picks JSON or YAML): a record, matched against a few versions, or a
 * {@link MalformedRecord}; never another exception, whatever the bytes.
 */
public final class OsvRecordFuzz {
    private static final Version[] VERSIONS = {Version.parse("0"), Version.parse("1.0"), Version.parse("2.0rc1"),
        Version.parse("1!3.0.post1+local")};

    private OsvRecordFuzz() {}

    public static void fuzzerTestOneInput(byte[] data) {
        if (data.length == 0) {
            return;
        }
        try {
            OsvRecord record = OsvRecordParser.parse(Arrays.copyOfRange(data, 1, data.length), (data[0] & 1) == 1, w -> {});
            for (AffectedPackage p : record.affected()) {
                for (Version v : VERSIONS) {
                    p.affects(v);
                }
                p.fixedIn();
            }
            record.severity().describe();
        } catch (MalformedRecord refused) {
            // the typed refusal
        }
    }
}
