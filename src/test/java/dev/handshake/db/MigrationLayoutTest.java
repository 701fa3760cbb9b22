package dev.handshake.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@code migrations/} (ARCHITECTURE.md, "Adding a migration"): every version exists for both databases,
 * exactly once each: in {@code common/} (the same SQL runs on both), or in both {@code sqlite/} and
 * {@code postgresql/} under the same version and description; nothing lies outside these three folders, where
 * Flyway would never look.
 */
class MigrationLayoutTest {

    private static final Path MIGRATIONS = Path.of("migrations");
    private static final Pattern NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    /** The migrations Flyway applies on this database: {@code common/} and the database's own folder, by version. */
    static Map<Integer, String> versions(Dialect dialect) {
        Map<Integer, String> versions = new TreeMap<>();
        for (String folder : List.of("common", dialect.vendor())) {
            for (Path file : files(MIGRATIONS.resolve(folder))) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                assertThat(name.matches()).as(file + " is named V<version>__<description>.sql").isTrue();
                String previous = versions.put(Integer.parseInt(name.group(1)), folder + "/" + name.group(2));
                assertThat(previous).as("version " + name.group(1) + " twice for " + dialect + ": " + file).isNull();
            }
        }
        return versions;
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyVersionExistsForBothDatabasesUnderOneDescription() {
        Map<Integer, String> sqlite = versions(Dialect.SQLITE);
        Map<Integer, String> postgresql = versions(Dialect.POSTGRESQL);

        assertThat(sqlite.keySet()).as("versions").isEqualTo(postgresql.keySet()).contains(1, 8);
        List<String> different = new ArrayList<>();
        sqlite.forEach((version, where) -> {
            String description = where.substring(where.indexOf('/') + 1);
            String other = postgresql.get(version);
            if (!other.substring(other.indexOf('/') + 1).equals(description)) {
                different.add("V" + version + ": " + where + " but " + other);
            }
        });
        assertThat(different).as("one description per version").isEmpty();
    }

    @Test
    void nothingLiesOutsideTheThreeFolders() {
        assertThat(files(MIGRATIONS)).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("common", "postgresql", "sqlite");
    }
}
