package org.dsa110.contimg.contract;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One realistic value of every contract record, as the pipeline would write them on the telescope. */
public final class Samples {

    public static final Instant OBSERVED = Instant.parse("2025-11-04T10:15:12.345Z");

    /** The host every sample event names: a processors instance given these events runs as this host. */
    public static final String HOST = "dsa110-imager";

    private Samples() {}

    public static FileEvent casaLogCreated(String path) {
        return new FileEvent(
                path,
                FileEvent.Kind.CREATED,
                FileEvent.FileType.FILE,
                2048L,
                Instant.parse("2025-11-04T10:15:11Z"),
                "/data/dsa110-contimg",
                FileEvent.Source.WATCH,
                HOST,
                OBSERVED);
    }

    public static FileEvent tempDirPresent(String path) {
        return new FileEvent(
                path,
                FileEvent.Kind.PRESENT,
                FileEvent.FileType.DIRECTORY,
                4096L,
                Instant.parse("2025-11-02T08:00:00Z"),
                "/data/dsa110-contimg",
                FileEvent.Source.SCAN,
                HOST,
                OBSERVED);
    }

    public static FileEvent uvh5Created(String path) {
        return new FileEvent(
                path,
                FileEvent.Kind.CREATED,
                FileEvent.FileType.FILE,
                145_000_000L,
                Instant.parse("2025-11-04T10:15:03Z"),
                "/data/incoming",
                FileEvent.Source.WATCH,
                HOST,
                OBSERVED);
    }

    public static LogMoveRequest logMove(String path) {
        return new LogMoveRequest(casaLogCreated(path), OBSERVED.plusMillis(3));
    }

    public static TempPurgeRequest tempPurge(String path) {
        return new TempPurgeRequest(tempDirPresent(path), "tmppointing", OBSERVED.plusMillis(3));
    }

    public static PointingRequest pointingRequest(String path) {
        return new PointingRequest(uvh5Created(path), OBSERVED.plusMillis(3));
    }

    public static PointingObservation pointing(String sourceFile) {
        return new PointingObservation(
                PointingObservation.SCHEMA,
                sourceFile,
                145_000_000L,
                Instant.parse("2025-11-04T10:15:03Z"),
                60983.42309027778,
                Instant.parse("2025-11-04T10:09:15Z"),
                60983.42130,
                60983.42488,
                201.36506,
                54.57322,
                201.61234,
                54.49817,
                0.0,
                201.61234,
                "dsa110-meridian",
                "DSA_110",
                new PointingObservation.Site(37.233386982, -118.283405115, 1188.0519),
                24,
                12.884901888,
                0,
                "drift_ra201.4",
                "dsa110-imager");
    }

    /**
     * A DSA-110 file over {@code [startMjd, endMjd]} at OVRO, its apparent place at {@code haDeg} and
     * {@code decAppDeg} (ICRS taken equal to it): what the transit finder reads.
     */
    public static PointingObservation meridianFile(
            String sourceFile, double startMjd, double endMjd, double haDeg, double decAppDeg) {
        double mid = (startMjd + endMjd) / 2;
        return new PointingObservation(
                PointingObservation.SCHEMA,
                sourceFile,
                1L,
                Instant.EPOCH,
                mid,
                Mjd.toInstant(mid),
                startMjd,
                endMjd,
                0.0,
                decAppDeg,
                0.0,
                decAppDeg,
                haDeg,
                0.0,
                "dsa110-meridian",
                "DSA_110",
                new PointingObservation.Site(37.233386982, -118.283405115, 1188.0519),
                24,
                12.9,
                0,
                null,
                null);
    }

    /**
     * {@code n} consecutive 5-minute DSA-110 drift files from {@code startMjd} at {@code decDeg} on the meridian
     * (apparent place taken equal to the ICRS one), their right ascension advancing 1.25 deg a file.
     */
    public static List<PointingObservation> driftFiles(double startMjd, int n, double decDeg) {
        var files = new ArrayList<PointingObservation>();
        for (int i = 0; i < n; i++) {
            double start = startMjd + i * 5.0 / 1440;
            double mid = start + 2.5 / 1440;
            double ra = (100.0 + i * 1.25) % 360;
            files.add(new PointingObservation(
                    PointingObservation.SCHEMA,
                    "/data/incoming/" + Mjd.toInstant(start) + "_sb00.hdf5",
                    1L,
                    Instant.EPOCH,
                    mid,
                    Mjd.toInstant(mid),
                    start,
                    start + 5.0 / 1440,
                    ra,
                    decDeg,
                    ra,
                    decDeg,
                    0.0,
                    ra,
                    "dsa110-meridian",
                    "DSA_110",
                    null,
                    24,
                    12.9,
                    0,
                    null,
                    null));
        }
        return files;
    }

    /** A minimal observation at a random mid-time in 2023 to 2025: distinct rows for tests that write many. */
    public static PointingObservation pointingAtRandomTime(String sourceFile, double raDeg) {
        return new PointingObservation(
                PointingObservation.SCHEMA,
                sourceFile,
                1L,
                Instant.EPOCH,
                60000 + Math.random() * 1000,
                Instant.EPOCH,
                null,
                null,
                raDeg,
                37.0,
                null,
                null,
                null,
                null,
                "dsa110-meridian",
                "DSA_110",
                null,
                24,
                null,
                0,
                null,
                null);
    }

    /** An outcome of {@code stage} for {@code path}, now, as the processors of host {@code test} write it. */
    public static Outcome outcome(Outcome.Stage stage, Outcome.Result result, String path, String detail) {
        return new Outcome(
                Outcome.SCHEMA,
                path,
                stage,
                result,
                detail,
                null,
                null,
                null,
                1,
                "processors@test",
                "test",
                Instant.now());
    }

    public static Outcome moved(String path, String target) {
        return new Outcome(
                Outcome.SCHEMA,
                path,
                Outcome.Stage.LOG_MOVE,
                Outcome.Result.MOVED,
                null,
                target,
                2048L,
                null,
                1,
                "processors@dsa110-imager",
                "dsa110-imager",
                OBSERVED.plusMillis(9));
    }

    public static StatusSnapshot status(String component) {
        var metrics = new LinkedHashMap<String, Object>();
        metrics.put("files_processed", 12);
        metrics.put("files_failed", 0);
        metrics.put("last_error_time", null);
        return new StatusSnapshot(
                StatusSnapshot.SCHEMA,
                component,
                "dsa110-imager",
                OBSERVED,
                OBSERVED.minusSeconds(3600),
                true,
                true,
                List.of(),
                metrics,
                Map.of("watch_mode", "inotify", "watched_directories", 3));
    }

    /**
     * A transit of {@code name} at {@code time} in the file {@code /data/incoming/<name>-<date>_sb00.hdf5} (a file
     * holds one day's transit of a source), 15 Jy.
     */
    public static CalibratorTransit transit(String name, String alt, double mjd, String time, double response) {
        return new CalibratorTransit(
                CalibratorTransit.SCHEMA,
                name,
                alt,
                mjd,
                Instant.parse(time),
                "/data/incoming/" + name + "-" + time.substring(0, 10) + "_sb00.hdf5",
                0,
                0,
                0.1,
                response,
                15.0,
                15.0 * response,
                "vla-calibrators-20cm.csv",
                null);
    }

    /** A campaign that began at {@code start} at 3C286's declination, 3C286 its calibrator, two of its transits. */
    public static CampaignEvent campaign(String start) {
        Instant at = Instant.parse(start);
        double mjd = Mjd.of(at);
        return new CampaignEvent(
                CampaignEvent.SCHEMA,
                "DSA_110",
                at,
                mjd,
                CampaignEvent.Cause.DECLINATION,
                "/data/incoming/" + start + "_sb00.hdf5",
                "dsa110-imager",
                30.5,
                30.37,
                0.0,
                49.85,
                24.0,
                new CampaignEvent.Calibrator("J1331+305", "3C286", 202.78, 30.51, 15.0, 0.14, 0.99, 14.85),
                List.of(
                        new CampaignEvent.Transit(mjd + 0.5, Mjd.toInstant(mjd + 0.5), 12.0, 0.14, 0.99),
                        new CampaignEvent.Transit(mjd + 1.4973, Mjd.toInstant(mjd + 1.4973), 35.93, 0.14, 0.99)),
                "vla-calibrators-20cm.csv");
    }

    /** The same transit, seen in another file. */
    public static CalibratorTransit inFile(CalibratorTransit t, String file) {
        return new CalibratorTransit(
                t.schema(),
                t.calibrator(),
                t.altName(),
                t.transitMjd(),
                t.transitTime(),
                file,
                t.raDeg(),
                t.decDeg(),
                t.offsetDeg(),
                t.response(),
                t.fluxJy(),
                t.apparentFluxJy(),
                t.catalog(),
                t.best());
    }
}
