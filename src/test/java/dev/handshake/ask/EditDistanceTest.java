package dev.handshake.ask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EditDistanceTest {

    @ParameterizedTest
    @CsvSource({
            "mql, mql, 0", "mgl, mql, 1", "qml, mql, 1", "ml, mql, 1", "mqll, mql, 1", "sql, mql, 1",
            "kitten, sitting, 3", "ca, abc, 3", "'', abc, 3", "线索, 线, 1"})
    void countsInsertionsDeletionsSubstitutionsAndTranspositions(String a, String b, int expected) {
        assertThat(EditDistance.between(a.codePoints().toArray(), b.codePoints().toArray(), 10)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"kitten, sitting, 1", "abcdef, uvwxyz, 2", "a, abcdefgh, 3"})
    void stopsPastTheCutOff(String a, String b, int max) {
        assertThat(EditDistance.between(a.codePoints().toArray(), b.codePoints().toArray(), max)).isEqualTo(max + 1);
    }

    @ParameterizedTest
    @CsvSource({"🔥🎯, 🎯🔥, 1", "👍, 👎, 1"})
    void comparesCodePointsNotSurrogates(String a, String b, int expected) {
        assertThat(EditDistance.between(a.codePoints().toArray(), b.codePoints().toArray(), 5)).isEqualTo(expected);
    }
}
