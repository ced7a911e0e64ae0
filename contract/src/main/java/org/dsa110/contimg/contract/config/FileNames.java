package org.dsa110.contimg.contract.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * The file-name rules every stage shares: which names are CASA logs, first-sub-band UVH5 files and temporary
 * directories, and which names a writer uses while a file is not finished. The producer filters with them, the
 * processors classify and re-check with them, a backfill plans with them; one place, so they cannot drift.
 */
public final class FileNames {

    /** CASA's log of a session, anywhere it ran. */
    public static final String CASA_LOG = "casa-*.log";
    /** The first sub-band of an observation: the file whose header gives the pointing. */
    public static final String FIRST_SUBBAND = "*_sb00.hdf5";
    /** The pointing scripts' temporary directories at the top of the data root. */
    public static final String TMPPOINTING = "TMPPOINTING*";
    /** The streaming converter's temporary directories at the top of the scratch directory. */
    public static final String SCRATCH_STREAM = "stream_*";

    private static final PathMatcher CASA_LOG_MATCHER = glob(CASA_LOG);
    private static final PathMatcher FIRST_SUBBAND_MATCHER = glob(FIRST_SUBBAND);

    private FileNames() {}

    public static boolean isCasaLog(Path name) {
        return CASA_LOG_MATCHER.matches(name);
    }

    public static boolean isFirstSubband(Path name) {
        return FIRST_SUBBAND_MATCHER.matches(name);
    }

    /**
     * Whether a name is one a writer gives a file it has not finished: hidden ({@code .name}, as rsync and the
     * correlator's writer do) or marked {@code _incomplete}. Such a file is renamed when done; its final name
     * brings its own event.
     */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") || name.contains("_incomplete");
    }

    /** A matcher of file names (not paths) for a glob. */
    public static PathMatcher glob(String glob) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }
}
