package dev.handshake.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a machine without any font, drawing a chart gives no chart and one log line naming the fix, instead of an
 * error. Shown for real: a child JVM runs with the font folders hidden (a private mount namespace, so only where
 * {@code unshare} may do that, as root on Linux; elsewhere the test is skipped).
 */
class NoFontTest {

    /** Run in the child JVM: draws the sample chart and prints whether a PNG came out. */
    public static void main(String[] args) {
        System.out.println(new ChartRenderer().png(NumbersChartTest.sample()).isPresent() ? "png" : "no chart");
    }

    @Test
    void withoutAnyFontThereIsNoChartAndTheLogNamesTheFix(@TempDir Path dir) throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && new File("/usr/bin/unshare").canExecute()
                && "root".equals(System.getProperty("user.name")), "needs unshare as root on Linux");
        Path noFonts = dir.resolve("fonts.conf");
        Files.writeString(noFonts, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig></fontconfig>\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String hide = "for d in /usr/share/fonts /usr/local/share/fonts /usr/lib/jvm/*/lib/fonts; do "
                + "[ -d \"$d\" ] && mount -t tmpfs none \"$d\"; done; exec \"$0\" \"$@\"";
        ProcessBuilder builder = new ProcessBuilder(List.of("unshare", "-m", "sh", "-c", hide, java,
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), NoFontTest.class.getName()));
        builder.environment().put("FONTCONFIG_FILE", noFonts.toString());
        builder.redirectErrorStream(true);
        Process child = builder.start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM finished").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(!output.contains("unshare failed") && !output.contains("Operation not permitted")
                && !output.contains("permission denied"), "this machine does not allow a private mount: " + output);

        assertThat(output).contains("no chart")
                .contains("Charts are off: Java found no font to draw text with")
                .contains("apt-get install fonts-dejavu-core")
                .doesNotContain("\tat ");
        assertThat(child.exitValue()).isZero();
    }
}
