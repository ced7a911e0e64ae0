package org.dsa110.contimg.processors.pointing;

import java.nio.file.Path;

/** The reference corpus for tests outside this package. */
public final class ReferenceCorpusAccess {

    private ReferenceCorpusAccess() {
    }

    public static Path file(String relative) {
        return ReferenceCorpus.root().resolve(relative);
    }
}
