package org.dsa110.contimg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void aNameThatDecodedWithReplacementCharactersIsNotRepresentable() {
        assertThat(Names.representable(Path.of("/d/casa-\uFFFD.log"))).isFalse();
        assertThat(Names.representable(Path.of("/d/casa-é.log"))).isTrue();
    }

    @Test
    void controlCharactersAreEscapedForLogLines() {
        assertThat(Names.printable(Path.of("/d/casa-a\nb.log"))).isEqualTo("/d/casa-a\\x0ab.log");
    }
}
