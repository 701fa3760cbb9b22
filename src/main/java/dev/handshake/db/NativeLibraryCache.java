package dev.handshake.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Keeps one copy of the SQLite driver's native library per driver version and platform, in a folder only this user
 * can write, and points the driver at it. Left to itself the driver works out the platform (starting a {@code uname}
 * process) and copies the library out of the jar under a new random name at every start, together a few tenths of a
 * second of the app's start-up on a busy machine, and it leaves the copy behind whenever the process is killed.
 */
final class NativeLibraryCache {

    private static final Logger log = LoggerFactory.getLogger(NativeLibraryCache.class);

    /** The driver's own settings for a library it should load instead of extracting one. */
    static final String PATH_PROPERTY = "org.sqlite.lib.path";
    static final String NAME_PROPERTY = "org.sqlite.lib.name";

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** A copy is named by its CRC-32, so that a copy can be checked without opening the jar: libsqlitejdbc-1a2b3c4d.so */
    private static final Pattern COPY = Pattern.compile("libsqlitejdbc-([0-9a-f]{8})\\.[a-z]+");

    private NativeLibraryCache() {}

    /**
     * Points the driver at the cached copy, making it first if needed; must run before the driver's first connection.
     * Leaves the driver to its usual way when the library was chosen by the user or no copy can be kept safely.
     */
    static void use() {
        if (System.getProperty(PATH_PROPERTY) != null || System.getProperty(NAME_PROPERTY) != null) {
            return;
        }
        Path tempFolder = Path.of(System.getProperty("org.sqlite.tmpdir", System.getProperty("java.io.tmpdir")));
        try {
            cachedCopy(tempFolder).ifPresent(library -> {
                // The driver reads no other configuration; it reads these once, when it loads the library. Should the
                // copy fail to load, the driver extracts its own as usual.
                System.setProperty(PATH_PROPERTY, library.getParent().toString());
                System.setProperty(NAME_PROPERTY, library.getFileName().toString());
            });
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot keep a copy of the SQLite library in {} ({}); the driver extracts its own", tempFolder,
                    e.toString());
        }
    }

    /**
     * The library in this driver version's and platform's folder under {@code tempFolder}, copied there from the jar
     * unless an intact copy is there already; empty when the library is not in a jar or the folder is not private to
     * this user.
     */
    static Optional<Path> cachedCopy(Path tempFolder) throws IOException {
        if (!tempFolder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Optional.empty();
        }
        Path folder = tempFolder.resolve(String.join("-", "handshake-sqlite", SQLiteJDBCLoader.getVersion(),
                System.getProperty("os.name"), System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_"));
        if (!privateFolder(folder)) {
            log.warn("{} is not a folder private to this user; the SQLite driver extracts its own library", folder);
            return Optional.empty();
        }
        Optional<Path> intact = intactCopy(folder);
        if (intact.isPresent()) {
            return intact;
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        URL resource = SQLiteJDBCLoader.class.getResource(LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name);
        URLConnection connection = resource == null ? null : resource.openConnection();
        if (!(connection instanceof JarURLConnection jar)) {
            return Optional.empty();
        }
        jar.setUseCaches(false);
        try (JarFile file = jar.getJarFile()) {
            return Optional.of(copy(file, jar.getJarEntry(), folder, name));
        }
    }

    /** Writes the library whole under a temporary name, then renames it: a process starting meanwhile never loads half. */
    private static Path copy(JarFile jar, JarEntry entry, Path folder, String name) throws IOException {
        CRC32 crc = new CRC32();
        Path part = Files.createTempFile(folder, name, ".part");
        try {
            try (InputStream in = jar.getInputStream(entry); OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                }
            }
            String extension = name.substring(name.lastIndexOf('.'));
            Path library = folder.resolve(String.format(Locale.ROOT, "libsqlitejdbc-%08x%s", crc.getValue(), extension));
            Files.move(part, library, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return library;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A copy in the folder whose content matches the CRC-32 in its name. */
    private static Optional<Path> intactCopy(Path folder) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path file : files) {
                Matcher name = COPY.matcher(file.getFileName().toString());
                if (name.matches() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    CRC32 crc = new CRC32();
                    crc.update(Files.readAllBytes(file));
                    if (crc.getValue() == Long.parseLong(name.group(1), 16)) {
                        return Optional.of(file);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Creates the folder owner-only, or checks that the existing one is a real folder of this user's, owner-only. */
    private static boolean privateFolder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // Made earlier, by this app or by someone else: checked below.
        }
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        UserPrincipal me = folder.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        return Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).equals(me)
                && Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY);
    }
}
