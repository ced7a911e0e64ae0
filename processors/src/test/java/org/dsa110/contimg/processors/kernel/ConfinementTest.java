package org.dsa110.contimg.processors.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Paths resolved on disk, not compared by name: a link anywhere on the way is refused. */
class ConfinementTest {

    @TempDir
    Path home;

    private Path root;
    private Path elsewhere;

    @BeforeEach
    void tree() throws IOException {
        root = Files.createDirectories(home.resolve("data"));
        elsewhere = Files.createDirectories(home.resolve("elsewhere/deep"));
    }

    @Test
    void aPathOfRealDirectoriesInsideTheRootPasses() throws IOException {
        Files.createDirectories(root.resolve("ms/field1"));

        assertThat(Confinement.refusal(root, root.resolve("ms/field1/casa-1.log")))
                .isNull();
        assertThat(Confinement.refusal(root, root.resolve("casa-1.log"))).isNull();
    }

    @Test
    void aLinkedDirectoryOnThePathIsRefusedAtAnyDepthWhereverItPoints() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("a/b/out"), elsewhere);
        Files.createSymbolicLink(root.resolve("in"), Files.createDirectories(root.resolve("real")));

        assertThat(Confinement.refusal(root, root.resolve("a/b/out/casa-1.log")))
                .isEqualTo("has a symbolic link on its path (" + root.resolve("a/b/out") + "): never followed");
        assertThat(Confinement.refusal(root, root.resolve("a/b/out/deeper/casa-1.log")))
                .startsWith("has a symbolic link on its path (" + root.resolve("a/b/out") + ")");
        // A link that stays inside the root is refused too: a link is how a swap is made.
        assertThat(Confinement.refusal(root, root.resolve("in/casa-1.log")))
                .startsWith("has a symbolic link on its path");
    }

    @Test
    void aFileWhereADirectoryShouldBeIsRefused() throws IOException {
        Files.writeString(root.resolve("plain"), "x");

        assertThat(Confinement.refusal(root, root.resolve("plain/casa-1.log")))
                .isEqualTo("has a non-directory on its path (" + root.resolve("plain") + ")");
    }

    @Test
    void aRootThatIsItselfALinkIsTheOperatorsChoiceAndHonoured() throws IOException {
        Path linkedRoot = Files.createSymbolicLink(home.resolve("mounted"), root);
        Files.createDirectories(root.resolve("ms"));

        assertThat(Confinement.refusal(linkedRoot, linkedRoot.resolve("ms/casa-1.log")))
                .isNull();
    }

    @Test
    void aMissingDirectoryIsLeftToTheActionToFindGone() {
        assertThat(Confinement.refusal(root, root.resolve("not/there/casa-1.log")))
                .isNull();
    }

    @Test
    void aPathOutsideTheRootByNameOrTheRootItselfIsRefused() {
        assertThat(Confinement.refusal(root, elsewhere.resolve("casa-1.log"))).isEqualTo("outside " + root);
        assertThat(Confinement.refusal(root, root)).isEqualTo("outside " + root);
    }
}
