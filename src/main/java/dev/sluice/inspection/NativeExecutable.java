package dev.sluice.inspection;

import java.util.function.Consumer;

/**
 * {@code native-in-sdist}: an ELF, PE or Mach-O executable inside a source distribution, where only source belongs
 * (wheels carry compiled extensions by design and are not judged by this rule). Suspicious: a few projects ship
 * prebuilt helpers or test binaries, and a person should say so.
 */
final class NativeExecutable implements ContentRule {
    static final String ID = "native-in-sdist";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void inspect(InspectedFile file, Consumer<Finding> findings) {
        String kind = file.sdist ? kind(file.bytes) : null;
        if (kind != null) {
            findings.accept(new Finding(ID, Finding.Severity.SUSPICIOUS, file.name, 0, "a " + kind + " executable in a source distribution"));
        }
    }

    /** ELF, PE or Mach-O by their magic numbers; null for anything else. */
    static String kind(byte[] b) {
        if (b.length >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
            return "ELF";
        }
        if (b.length >= 64 && b[0] == 'M' && b[1] == 'Z') {
            int pe = (b[60] & 0xff) | (b[61] & 0xff) << 8 | (b[62] & 0xff) << 16 | (b[63] & 0xff) << 24;
            if (pe > 0 && pe + 4 <= b.length && b[pe] == 'P' && b[pe + 1] == 'E' && b[pe + 2] == 0 && b[pe + 3] == 0) {
                return "PE";
            }
        }
        if (b.length >= 4) {
            int magic = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
            if (magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe) {
                return "Mach-O";
            }
        }
        return null;
    }
}
