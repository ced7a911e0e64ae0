package org.dsa110.contimg.processors.classify;

/** Where the classifier sends one file event. */
public sealed interface Route {

    /**
     * The route's name as the {@code route} label of {@code contimg_processors_routed_total}. Written out in each
     * kind, not derived from the class name: other programs read it, and a renamed record must not change it.
     */
    String label();

    /** A CASA log outside the log directory: to {@code contimg.log-moves}. */
    record LogMove() implements Route {
        @Override
        public String label() {
            return "logmove";
        }
    }

    /** An entry covered by a purge rule: to {@code contimg.temp-purges}. */
    record TempPurge(String rule) implements Route {
        @Override
        public String label() {
            return "temppurge";
        }
    }

    /** A first-sub-band UVH5 file in the incoming tree: to {@code contimg.pointing-requests}. */
    record Pointing() implements Route {
        @Override
        public String label() {
            return "pointing";
        }
    }

    /** Refused (a path outside every root, a malformed path): a {@code rejected} outcome says why. */
    record Rejected(String reason) implements Route {
        @Override
        public String label() {
            return "rejected";
        }
    }

    /** Not for any processor: counted under the reason, nothing else. */
    record Dropped(String reason) implements Route {
        @Override
        public String label() {
            return "dropped";
        }
    }
}
