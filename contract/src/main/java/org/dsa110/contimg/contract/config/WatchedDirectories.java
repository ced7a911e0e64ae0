package org.dsa110.contimg.contract.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What is wrong with the directories a component watches, in the words every status uses: the producer reports
 * its roots, the pointing monitor the data root and incoming directory it is configured with.
 */
public final class WatchedDirectories {

    private WatchedDirectories() {}

    /** One line per directory that is missing, or that cannot be listed. */
    public static List<String> issues(Collection<Path> directories) {
        List<String> issues = new ArrayList<>();
        for (Path dir : directories) {
            if (!Files.isDirectory(dir)) {
                issues.add("watched directory " + dir + " is missing");
            } else if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
                issues.add("watched directory " + dir + " is not readable");
            }
        }
        return issues;
    }
}
