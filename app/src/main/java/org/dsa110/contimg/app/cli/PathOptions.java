package org.dsa110.contimg.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.contract.config.PipelinePaths;
import picocli.CommandLine.Option;

/** The pipeline's paths as flags; each falls back to its environment variable, then to a default under --home. */
public final class PathOptions {

    @Option(
            names = "--home",
            paramLabel = "DIR",
            description = "Where defaults live: broker data, state, data tree (default: ./var).")
    Path home;

    @Option(
            names = {"--root", "--root-dir"},
            paramLabel = "DIR",
            description = "Data root (env CONTIMG_ROOT_DIR; default <home>/data).")
    Path root;

    @Option(
            names = "--incoming",
            paramLabel = "DIR",
            description = "Incoming UVH5 directory (env CONTIMG_INPUT_DIR; default <home>/incoming).")
    Path incoming;

    @Option(
            names = "--scratch",
            paramLabel = "DIR",
            description = "Scratch directory (env CONTIMG_SCRATCH_DIR; default <home>/scratch).")
    Path scratch;

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description = "Pipeline state (env PIPELINE_STATE_DIR; default <root>/state if --root is given, "
                    + "else <home>/state).")
    Path state;

    @Option(
            names = "--products-db",
            paramLabel = "FILE",
            description = "SQLite database (env PIPELINE_PRODUCTS_DB; default <state>/products.sqlite3).")
    Path productsDb;

    @Option(
            names = "--log-dir",
            paramLabel = "DIR",
            description = "Where CASA logs are moved (env CONTIMG_LOG_DIR; default <state>/logs).")
    Path logDir;

    @Option(
            names = "--archive",
            paramLabel = "DIR",
            description = "A read-only directory of older UVH5 files the processors may extract from, for "
                    + "contimg backfill; never watched, never written (repeatable; env CONTIMG_ARCHIVE_DIRS, "
                    + "separated by ':').")
    List<Path> archives = new ArrayList<>();

    public PipelinePaths resolve() {
        return PipelinePaths.resolve(
                new PipelinePaths.Flags(home, root, incoming, scratch, state, productsDb, logDir, archives),
                System.getenv());
    }
}
