package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

/** {@link NativeLibraryCache} in a temporary folder, with the driver's real library. */
class NativeLibraryCacheTest {

    @TempDir
    Path temp;

    private static byte[] driversLibrary() throws IOException {
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + LibraryLoaderUtil.getNativeLibName();
        try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void copiesTheDriversLibraryIntoAFolderOnlyThisUserCanUse() throws IOException {
        Path library = NativeLibraryCache.cachedCopy(temp).orElseThrow();

        assertThat(library.getParent().getParent()).isEqualTo(temp);
        assertThat(library.getParent().getFileName().toString()).startsWith("handshake-sqlite-" + SQLiteJDBCLoader.getVersion());
        assertThat(Files.readAllBytes(library)).isEqualTo(driversLibrary());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(library.getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(library.getParent())) {
            assertThat(files.toList()).containsExactly(library);
        }
    }

    @Test
    void laterStartsLoadTheSameCopyWithoutWritingItAgain() throws IOException {
        Path first = NativeLibraryCache.cachedCopy(temp).orElseThrow();
        Object fileKey = Files.readAttributes(first, "unix:ino").get("ino");

        Path second = NativeLibraryCache.cachedCopy(temp).orElseThrow();

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAttributes(second, "unix:ino").get("ino")).isEqualTo(fileKey);
    }

    @Test
    void aDamagedCopyIsReplaced() throws IOException {
        Path library = NativeLibraryCache.cachedCopy(temp).orElseThrow();
        byte[] damaged = Files.readAllBytes(library);
        damaged[damaged.length / 2] ^= 0x55;
        Files.write(library, damaged);

        Path again = NativeLibraryCache.cachedCopy(temp).orElseThrow();

        assertThat(Files.readAllBytes(again)).isEqualTo(driversLibrary());
    }

    @Test
    void aFolderOthersCanWriteIsNotUsed() throws IOException {
        Path folder = NativeLibraryCache.cachedCopy(temp).orElseThrow().getParent();
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));

        Optional<Path> copy = NativeLibraryCache.cachedCopy(temp);

        assertThat(copy).isEmpty();
    }

    @Test
    void aLinkInPlaceOfTheFolderIsNotFollowed() throws IOException {
        Path folder = NativeLibraryCache.cachedCopy(temp).orElseThrow().getParent();
        Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rwx------"));
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.move(file, elsewhere.resolve(file.getFileName()));
            }
        }
        Files.delete(folder);
        Files.createSymbolicLink(folder, elsewhere);

        assertThat(NativeLibraryCache.cachedCopy(temp)).isEmpty();
    }
}
