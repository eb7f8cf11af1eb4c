import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * A packaging step (profile aot-cache): rewrites, in every jar of a folder, the classes compiled for Java 5 or older
 * as Java 8 class files (the same code, with the stack map frames the newer format requires, worked out by ASM).
 * The JDK's ahead-of-time cache links only classes that the split verifier checks, i.e. version 50 and above; picocli
 * ships Java 5 classes, so every start loaded, verified and linked it from its jar: 0.3-0.4 s of a 2 s start.
 *
 * <p>Run as a source file: {@code java -cp asm.jar src/build/ModernClassFiles.java target/lib}.
 */
public final class ModernClassFiles {
    private static final int JAVA_6 = 50;

    public static void main(String[] args) throws IOException {
        java.util.List<Path> jars = new java.util.ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(Path.of(args[0]), "*.jar")) {
            found.forEach(jars::add);
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = jars.get(i).toUri().toURL();
        }
        // Frames merge types: the jars' classes are looked up among all of them (one may extend another's).
        try (URLClassLoader classes = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            for (Path jar : jars) {
                Path rewritten = jar.resolveSibling(jar.getFileName() + ".rewriting");
                try {
                    int count = rewrite(jar, rewritten, classes);
                    if (count > 0) {
                        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
                        System.out.println("modern-class-files: " + jar.getFileName() + ": " + count
                                + " classes rewritten as Java 8 class files");
                    }
                } catch (RuntimeException | LinkageError e) { // a type its frames need is not here: keep it as it was
                    System.out.println("modern-class-files: " + jar.getFileName() + " left as it was: " + e);
                } finally {
                    Files.deleteIfExists(rewritten);
                }
            }
        }
    }

    /** Writes the jar again with its classes older than Java 6 rewritten; returns how many were. */
    private static int rewrite(Path jar, Path rewritten, ClassLoader classes) throws IOException {
        int count = 0;
        // Zip streams, not jar streams: those would write the manifest again, stamped with the time of the build.
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && majorVersion(bytes) < JAVA_6) {
                    bytes = java8(bytes, classes);
                    count++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime()); // the same bytes from the same jar: a reproducible build stays so
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        return count;
    }

    private static int majorVersion(byte[] classFile) {
        return (classFile[6] & 0xff) << 8 | classFile[7] & 0xff;
    }

    private static byte[] java8(byte[] classFile, ClassLoader classes) {
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return classes;
            }
        };
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                super.visit(Opcodes.V1_8, access, name, signature, superName, interfaces);
            }
        }, ClassReader.SKIP_FRAMES);
        return writer.toByteArray();
    }
}
