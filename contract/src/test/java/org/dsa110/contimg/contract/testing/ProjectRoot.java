package org.dsa110.contimg.contract.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout's top directory (the one whose {@code pom.xml} lists the modules), whichever module's tests run. */
public final class ProjectRoot {

    private ProjectRoot() {}

    public static Path path() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("contimg"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root (a pom.xml beside the contimg launcher) above " + start);
    }
}
