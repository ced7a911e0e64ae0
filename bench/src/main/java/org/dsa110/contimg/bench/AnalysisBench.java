package org.dsa110.contimg.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.config.KafkaSettings;
import org.dsa110.contimg.contract.config.PipelinePaths;
import org.dsa110.contimg.contract.topics.TopicSender;
import org.dsa110.contimg.contract.topics.TopicSetup;
import org.dsa110.contimg.contract.topics.Topics;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.calibrators.TransitFinder;
import org.dsa110.contimg.processors.CalibrationService;
import org.dsa110.contimg.processors.ProcessorsService;
import org.dsa110.contimg.processors.ProcessorsSettings;
import org.dsa110.contimg.sink.store.PointingAnalysis;
import org.dsa110.contimg.sink.store.PointingHistory;
import org.dsa110.contimg.sink.store.PointingStore;
import org.dsa110.contimg.sink.write.PointingSink;

/**
 * The pointing analyses at a year's scale: {@code files} observations at 5-minute cadence (a year is 105,120) in
 * campaigns of a few declinations, against the shipped catalog of 1,034 calibrators.
 *
 * <ul>
 *   <li>the whole history's transits ({@link TransitFinder}), on one thread and on every core;</li>
 *   <li>{@code contimg campaigns} and {@code contimg coverage} over it, read from a SQLite database of the
 *       year ({@link PointingAnalysis}, the code both commands and the API run);</li>
 *   <li>with a broker: a new observation's transits written within how long of its row, end to end (the
 *       processors' transit stage and the sink, in this JVM): observations at 3C286's transit published to
 *       {@code contimg.pointing} one at a time, the difference of the two rows' {@code inserted_at}.</li>
 * </ul>
 */
final class AnalysisBench {

    /** Declinations of the campaigns, a few weeks each: the zenith, 3C286's, 3C48's, high and low. */
    private static final double[] CAMPAIGN_DECS = {37.2, 30.37, 33.16, 71.0, -10.0, 55.6, 16.2};

    private static final double FIVE_MINUTES = 5.0 / 1440;
    private static final double START_MJD = 61041.0; // 2026-01-01

    record Figures(
            long files,
            long transits,
            List<Double> serial,
            List<Double> parallel,
            List<Double> campaigns,
            List<Double> coverage,
            long campaignCount,
            double skyFraction) {}

    private final Path work;
    private final PrintWriter out;
    private final TransitFinder finder = TransitFinder.defaults();

    AnalysisBench(Path work, PrintWriter out) {
        this.work = work;
        this.out = out;
    }

    /** The year of observations: meridian drift scans, their right ascension the sidereal time's. */
    static List<PointingObservation> year(int files) {
        var observations = new ArrayList<PointingObservation>(files);
        int perCampaign = Math.max(1, files / CAMPAIGN_DECS.length);
        for (int i = 0; i < files; i++) {
            double start = START_MJD + i * FIVE_MINUTES;
            double mid = start + FIVE_MINUTES / 2;
            double dec = CAMPAIGN_DECS[Math.min(i / perCampaign, CAMPAIGN_DECS.length - 1)];
            double ra = ((mid - START_MJD) * 360.98564736629 + 100.0) % 360;
            observations.add(observation("/data/incoming/bench/" + i + "_sb00.hdf5", start, ra, dec));
        }
        return observations;
    }

    private static PointingObservation observation(String file, double start, double ra, double dec) {
        double mid = start + FIVE_MINUTES / 2;
        return new PointingObservation(
                PointingObservation.SCHEMA,
                file,
                190_000_000L,
                Instant.EPOCH,
                mid,
                Mjd.toInstant(mid),
                start,
                start + FIVE_MINUTES,
                ra,
                dec,
                ra,
                dec,
                0.0,
                ra,
                "dsa110-meridian",
                "DSA_110",
                new PointingObservation.Site(37.233386982, -118.283405115, 1188.0519),
                24,
                12.884901888,
                0,
                null,
                null);
    }

    Figures offline(int files, int runs) throws Exception {
        List<PointingObservation> history = year(files);
        out.printf(
                "%d observations, %d calibrators%n",
                history.size(), finder.catalog().all().size());
        var serial = new ArrayList<Double>();
        var parallel = new ArrayList<Double>();
        long found = 0;
        for (int run = 0; run < runs; run++) {
            long began = System.nanoTime();
            found = history.stream().mapToLong(o -> finder.transits(o).size()).sum();
            serial.add((System.nanoTime() - began) / 1e9);
            began = System.nanoTime();
            long again = history.parallelStream()
                    .mapToLong(o -> finder.transits(o).size())
                    .sum();
            parallel.add((System.nanoTime() - began) / 1e9);
            out.printf(
                    "  run %d: %d transits in %.2f s on one thread, %.2f s on every core%n",
                    run + 1, again, serial.get(run), parallel.get(run));
            out.flush();
        }

        Path db = work.resolve("year.sqlite3");
        Files.deleteIfExists(db);
        try (var store = PointingStore.open(db, Clock.systemUTC())) {
            for (int i = 0; i < history.size(); i += 1000) {
                store.upsert(history.subList(i, Math.min(history.size(), i + 1000)));
            }
        }
        var analysis = new PointingAnalysis(new PointingHistory(db));
        var campaigns = new ArrayList<Double>();
        var coverage = new ArrayList<Double>();
        long campaignCount = 0;
        double fraction = 0;
        for (int run = 0; run < runs; run++) {
            long began = System.nanoTime();
            campaignCount = analysis.campaigns(
                            0,
                            Double.MAX_VALUE,
                            new DeclinationCampaigns(
                                    DeclinationCampaigns.DEFAULT_JUMP_DEG, DeclinationCampaigns.DEFAULT_GAP_HOURS))
                    .size();
            campaigns.add((System.nanoTime() - began) / 1e9);
            began = System.nanoTime();
            fraction = analysis.coverage(0, Double.MAX_VALUE, PointingAnalysis.defaultCoverage())
                    .skyFraction();
            coverage.add((System.nanoTime() - began) / 1e9);
            out.printf(
                    "  run %d: %d campaigns in %.2f s; coverage (%.3f of the sky) in %.2f s%n",
                    run + 1, campaignCount, campaigns.get(run), fraction, coverage.get(run));
            out.flush();
        }
        return new Figures(history.size(), found, serial, parallel, campaigns, coverage, campaignCount, fraction);
    }

    /**
     * Publishes {@code count} observations at 3C286's transit to {@code contimg.pointing}, one every
     * {@code spacing}, through the calibration application and the sink; returns, per observation, how long
     * after its row its transit was written (ms).
     */
    List<Double> latency(KafkaSettings kafka, int count, Duration spacing) throws Exception {
        try (Admin admin = Admin.create(kafka.admin("contimg-bench-analysis"))) {
            new TopicSetup(admin, kafka.topics(), Duration.ofSeconds(60)).ensure(Topics.all());
        }
        Path home = Files.createDirectories(work.resolve("home"));
        var paths = PipelinePaths.resolve(new PipelinePaths.Flags(home, null, null, null, null, null, null), Map.of());
        Path db = work.resolve("latency.sqlite3");
        Files.deleteIfExists(db);
        String run = UUID.randomUUID().toString().substring(0, 8);
        // 3C286 (J1331+305) transits at MJD 61055.57318 on 2026-01-15, then a sidereal day later each day.
        double transit = 61055.57317972992;
        try (var calibration = new CalibrationService(
                        ProcessorsSettings.defaults(paths, "bench"), kafka, "contimg-bench-analysis-" + run, null);
                var sink = new PointingSink(kafka, db, Clock.systemUTC(), "contimg-bench-analysis-sink-" + run);
                var sender = new TopicSender(kafka.producer("contimg-bench-analysis"))) {
            calibration.start();
            calibration.awaitRunning(ProcessorsService.START_TIMEOUT);
            sink.start();
            for (int i = 0; i < count; i++) {
                double start = transit + i * 0.99726957 - FIVE_MINUTES / 2;
                var observation = observation(
                        "/data/incoming/bench-" + run + "/" + i + "_sb00.hdf5", start, 202.78, 30.37039226251386);
                sender.send(Topics.POINTING, observation.sourceFile(), observation, null);
                sender.flush();
                Thread.sleep(spacing.toMillis());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (sink.counters().transitsWritten() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        var delays = new ArrayList<Double>();
        try (Connection sql = DriverManager.getConnection("jdbc:sqlite:" + db);
                var statement = sql.prepareStatement("SELECT p.inserted_at, t.inserted_at FROM pointing_history p "
                        + "JOIN calibrator_transits t ON t.source_file = p.source_file WHERE p.source_file LIKE ?")) {
            statement.setString(1, "/data/incoming/bench-" + run + "/%");
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    Duration delay =
                            Duration.between(Instant.parse(result.getString(1)), Instant.parse(result.getString(2)));
                    delays.add(delay.toNanos() / 1e6);
                }
            }
        }
        if (delays.size() < count) {
            throw new IllegalStateException("only " + delays.size() + " of " + count + " transits were written");
        }
        return delays;
    }
}
