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

    /**
     * A matcher of file names (not paths) for a glob. A glob of one {@code *} between plain text (every rule of
     * the pipeline: {@code casa-*.log}, {@code TMPPOINTING*}, ...) is matched by comparing the name's ends, which
     * gives the JDK's answer for such a glob without its regular expression; the producer and the processors test
     * every event's name against several of them. Any other glob is the JDK's.
     */
    public static PathMatcher glob(String glob) {
        int star = glob.indexOf('*');
        boolean simple =
                star >= 0 && glob.indexOf('*', star + 1) < 0 && glob.chars().noneMatch(c -> "?[]{}\\/".indexOf(c) >= 0);
        if (!simple) {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        }
        String prefix = glob.substring(0, star);
        String suffix = glob.substring(star + 1);
        return path -> {
            String name = path.toString();
            return name.length() >= prefix.length() + suffix.length()
                    && name.startsWith(prefix)
                    && name.endsWith(suffix)
                    && name.indexOf('/', prefix.length()) < 0; // a glob's * never crosses a directory
        };
    }
}
