package org.dsa110.contimg.app.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.dsa110.contimg.app.Contimg;

/** The project's top-level files, as the tests that check them see them (Maven runs tests in app/). */
final class Project {

    private Project() {}

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        Path root = Files.exists(here.resolve("docker-compose.yml")) ? here : here.getParent();
        if (!Files.exists(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("no docker-compose.yml in " + here + " or its parent");
        }
        return root;
    }

    /** The names of the contimg subcommands. */
    static Set<String> subcommands() {
        return Contimg.commandLine().getSubcommands().keySet();
    }
}
