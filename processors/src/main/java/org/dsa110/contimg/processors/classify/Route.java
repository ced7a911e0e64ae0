package org.dsa110.contimg.processors.classify;

/** Where the classifier sends one file event. */
public sealed interface Route {

    /** A CASA log outside the log directory: to {@code contimg.log-moves}. */
    record LogMove() implements Route {}

    /** An entry covered by a purge rule: to {@code contimg.temp-purges}. */
    record TempPurge(String rule) implements Route {}

    /** A first-sub-band UVH5 file in the incoming tree: to {@code contimg.pointing-requests}. */
    record Pointing() implements Route {}

    /** Refused (a path outside every root, a malformed path): a {@code rejected} outcome says why. */
    record Rejected(String reason) implements Route {}

    /** Not for any processor: counted under the reason, nothing else. */
    record Dropped(String reason) implements Route {}
}
