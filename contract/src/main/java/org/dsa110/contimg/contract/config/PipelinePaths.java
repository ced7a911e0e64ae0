package org.dsa110.contimg.contract.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every directory and file the pipeline reads or writes. Each comes from its flag, else its environment variable,
 * else a default under {@code --home} (default {@code ./var}), so {@code ./contimg up} works anywhere and the
 * telescope's production paths live in {@code ops/systemd/contimg.env}.
 *
 * @param home       where defaults live: {@code --home}
 * @param root       the data tree: CASA logs are collected from it, {@code TMPPOINTING*} purged at its top
 * @param incoming   where the correlator drops UVH5 files
 * @param scratch    scratch space with purgeable {@code tmp/} entries and {@code stream_*} directories
 * @param state      the pipeline's own state: status file, database, logs, Streams state
 * @param productsDb the SQLite database holding {@code pointing_history}
 * @param logDir     where CASA logs are moved to
 * @param archives   read-only directories of older UVH5 files that the processors may extract from (for
 *                   {@code contimg backfill}); never watched, never written
 */
public record PipelinePaths(
        Path home,
        Path root,
        Path incoming,
        Path scratch,
        Path state,
        Path productsDb,
        Path logDir,
        List<Path> archives) {

    public static final String ENV_ROOT = "CONTIMG_ROOT_DIR";
    public static final String ENV_INPUT = "CONTIMG_INPUT_DIR";
    public static final String ENV_SCRATCH = "CONTIMG_SCRATCH_DIR";
    public static final String ENV_STATE = "PIPELINE_STATE_DIR";
    public static final String ENV_PRODUCTS_DB = "PIPELINE_PRODUCTS_DB";
    public static final String ENV_LOG_DIR = "CONTIMG_LOG_DIR";
    /** Archive directories, separated by {@code :} as in {@code PATH}. */
    public static final String ENV_ARCHIVES = "CONTIMG_ARCHIVE_DIRS";

    public static final Path DEFAULT_HOME = Path.of("var");

    public PipelinePaths {
        archives = List.copyOf(archives);
    }

    /** Paths without archive directories. */
    public PipelinePaths(Path home, Path root, Path incoming, Path scratch, Path state, Path productsDb, Path logDir) {
        this(home, root, incoming, scratch, state, productsDb, logDir, List.of());
    }

    /** What the command line said; every field may be {@code null} (not given), {@code archives} empty. */
    public record Flags(
            Path home,
            Path root,
            Path incoming,
            Path scratch,
            Path state,
            Path productsDb,
            Path logDir,
            List<Path> archives) {
        public Flags(Path home, Path root, Path incoming, Path scratch, Path state, Path productsDb, Path logDir) {
            this(home, root, incoming, scratch, state, productsDb, logDir, List.of());
        }

        public static Flags none() {
            return new Flags(null, null, null, null, null, null, null);
        }
    }

    /**
     * Resolves every path to an absolute, normalized one. The state directory defaults to {@code <root>/state}
     * when a root was given (the telescope's layout) and to {@code <home>/state} otherwise, so the default data
     * tree under {@code <home>/data} holds only data.
     */
    public static PipelinePaths resolve(Flags flags, Map<String, String> env) {
        Path home = absolute(flags.home() != null ? flags.home() : DEFAULT_HOME);
        Path givenRoot = FlagOrEnv.pick(flags.root(), env, ENV_ROOT, Path::of, null);
        Path root = absolute(givenRoot != null ? givenRoot : home.resolve("data"));
        Path incoming = absolute(FlagOrEnv.pick(flags.incoming(), env, ENV_INPUT, Path::of, home.resolve("incoming")));
        Path scratch = absolute(FlagOrEnv.pick(flags.scratch(), env, ENV_SCRATCH, Path::of, home.resolve("scratch")));
        Path state = absolute(FlagOrEnv.pick(
                flags.state(),
                env,
                ENV_STATE,
                Path::of,
                givenRoot != null ? root.resolve("state") : home.resolve("state")));
        Path db = absolute(
                FlagOrEnv.pick(flags.productsDb(), env, ENV_PRODUCTS_DB, Path::of, state.resolve("products.sqlite3")));
        Path logDir = absolute(FlagOrEnv.pick(flags.logDir(), env, ENV_LOG_DIR, Path::of, state.resolve("logs")));
        List<Path> archives = flags.archives() != null && !flags.archives().isEmpty()
                ? flags.archives()
                : Arrays.stream(env.getOrDefault(ENV_ARCHIVES, "").split(":"))
                        .filter(s -> !s.isBlank())
                        .map(Path::of)
                        .toList();
        return new PipelinePaths(
                home,
                root,
                incoming,
                scratch,
                state,
                db,
                logDir,
                archives.stream().map(PipelinePaths::absolute).distinct().toList());
    }

    /** The incoming directory and the archives: where the processors may read UVH5 files. */
    public List<Path> uvh5Sources() {
        var sources = new ArrayList<Path>();
        sources.add(incoming);
        sources.addAll(archives);
        return List.copyOf(sources);
    }

    /** Where the embedded broker keeps its data. */
    public Path kafkaDir() {
        return home.resolve("kafka");
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
