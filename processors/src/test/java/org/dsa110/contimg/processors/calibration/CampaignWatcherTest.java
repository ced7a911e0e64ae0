package org.dsa110.contimg.processors.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.dsa110.contimg.contract.CampaignEvent;
import org.dsa110.contimg.contract.Mjd;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.pointing.analysis.Campaign;
import org.dsa110.contimg.pointing.analysis.DeclinationCampaigns;
import org.dsa110.contimg.pointing.analysis.ObservedFile;
import org.dsa110.contimg.processors.CalibrationTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A campaign is an event: when the telescope's newest file begins a declination campaign by the history's rule, one
 * record on {@code contimg.campaigns} names the campaign's start and declination and its best calibrator (3C286,
 * 3C48 and 3C147 at dec 30.5, 33.16 and 49.85 over the day from its start) with that calibrator's next transits;
 * files that continue a campaign, and files older than the newest, publish nothing.
 */
class CampaignWatcherTest {

    /** 2026-01-15T00:00:00Z. */
    private static final double T0 = 61055.0;

    private static final double FILE_DAYS = 5.0 / 1440;
    private static final double SIDEREAL_DAY_HOURS = 23.9344696;

    @TempDir
    Path home;

    private CalibrationDriver driver;

    @BeforeEach
    void driver() {
        driver = new CalibrationDriver(home.resolve("streams"));
    }

    @AfterEach
    void close() {
        driver.close();
    }

    @Test
    void eachCampaignIsOneEventNamingItsBestCalibratorAndItsNextTransits() {
        observe(file("a1", T0, 30.5));
        CampaignEvent first = onlyEvent();
        assertThat(first.cause()).isEqualTo(CampaignEvent.Cause.FIRST);
        assertThat(first.startMjd()).isEqualTo(T0);
        assertThat(first.start()).isEqualTo(Mjd.toInstant(T0));
        assertThat(first.decDeg()).isEqualTo(30.5);
        assertThat(first.previousDecDeg()).isNull();
        assertThat(first.firstFile()).isEqualTo("/data/incoming/a1_sb00.hdf5");
        assertThat(first.host()).isEqualTo("test-host");
        assertThat(first.best().altName()).isEqualTo("3C286");
        assertThat(first.best().calibrator()).isEqualTo("J1331+305");
        assertThat(first.best().apparentFluxJy())
                .isCloseTo(first.best().fluxJy() * first.best().response(), within(1e-9));
        assertThat(first.nextTransits()).hasSize(CalibrationTopology.CAMPAIGN_TRANSITS);
        assertThat(first.nextTransits().get(0).hoursFromStart()).isBetween(0.0, 24.0);
        for (int i = 1; i < first.nextTransits().size(); i++) {
            assertThat(first.nextTransits().get(i).hoursFromStart()
                            - first.nextTransits().get(i - 1).hoursFromStart())
                    .isCloseTo(SIDEREAL_DAY_HOURS, within(1e-3));
        }
        assertThat(first.key()).isEqualTo("DSA_110@" + Mjd.toInstant(T0));

        observe(file("a2", T0 + FILE_DAYS, 30.5)); // the same campaign
        assertThat(driver.campaigns.isEmpty()).isTrue();

        observe(file("b1", T0 + 2 * FILE_DAYS, 33.16));
        CampaignEvent moved = onlyEvent();
        assertThat(moved.cause()).isEqualTo(CampaignEvent.Cause.DECLINATION);
        assertThat(moved.previousDecDeg()).isEqualTo(30.5);
        assertThat(moved.best().altName()).isEqualTo("3C48");

        observe(file("c1", T0 + 3 * FILE_DAYS, 49.85));
        assertThat(onlyEvent().best().altName()).isEqualTo("3C147");
    }

    @Test
    void olderFilesAndFilesSeenAgainArePastAndPublishNothing() {
        observe(file("a1", T0, 30.5));
        observe(file("b1", T0 + FILE_DAYS, 49.85));
        assertThat(driver.campaigns.readValuesToList()).hasSize(2);

        observe(file("backfilled", T0 - 10 * FILE_DAYS, 33.16)); // older: history, not a new campaign
        observe(file("b1", T0 + FILE_DAYS, 49.85)); // re-extracted
        driver.pointings.pipeInput("/data/incoming/b1_sb00.hdf5", (PointingObservation) null); // deleted
        assertThat(driver.campaigns.isEmpty()).isTrue();
    }

    @Test
    void aGapInTheDataBeginsACampaignAtTheSameDeclination() {
        observe(file("a1", T0, 30.5));
        observe(file("a2", T0 + FILE_DAYS + 0.9 / 24, 30.5)); // 54 min after the first one ended: the same campaign
        observe(file("a3", T0 + 2 * FILE_DAYS + 2.0 / 24, 30.5)); // over an hour later: a new one
        List<CampaignEvent> events = driver.campaigns.readValuesToList();
        assertThat(events)
                .extracting(CampaignEvent::cause)
                .containsExactly(CampaignEvent.Cause.FIRST, CampaignEvent.Cause.GAP);
        assertThat(events.get(1).firstFile()).isEqualTo("/data/incoming/a3_sb00.hdf5");
        assertThat(events.get(1).previousDecDeg()).isEqualTo(30.5);
    }

    /** The events in time order start where {@code contimg campaigns} cuts the same files, and a replay agrees. */
    @Test
    void theEventsStartWhereTheHistorysCampaignsDoAndAReplayPublishesTheSame() {
        var files = new ArrayList<PointingObservation>();
        double t = T0;
        double[] decs = {30.5, 30.5, 30.52, 45.0, 45.0, 45.0, 45.0, 12.0, 12.0, 71.3};
        for (int i = 0; i < decs.length; i++) {
            files.add(file("f" + i, t, decs[i]));
            t += FILE_DAYS + (i == 5 ? 3.0 / 24 : 0); // a three-hour gap after the sixth file
        }
        files.forEach(this::observe);
        List<KeyValue<String, CampaignEvent>> events = driver.campaigns.readKeyValuesToList();

        var rule =
                new DeclinationCampaigns(DeclinationCampaigns.DEFAULT_JUMP_DEG, DeclinationCampaigns.DEFAULT_GAP_HOURS);
        List<Campaign> history = rule.of(files.stream()
                .map(f -> new ObservedFile(f.midMjd(), f.startMjd(), f.endMjd(), f.raDeg(), f.decDeg(), f.kind()))
                .toList());
        assertThat(events)
                .extracting(kv -> kv.value.startMjd())
                .containsExactlyElementsOf(
                        history.stream().map(Campaign::startMjd).toList());
        assertThat(events).hasSize(5);

        try (var replay = new CalibrationDriver(home.resolve("replay"))) {
            files.forEach(f -> replay.pointings.pipeInput(f.sourceFile(), f));
            assertThat(replay.campaigns.readKeyValuesToList()).isEqualTo(events);
        }
    }

    private CampaignEvent onlyEvent() {
        List<CampaignEvent> events = driver.campaigns.readValuesToList();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private void observe(PointingObservation file) {
        driver.pointings.pipeInput(file.sourceFile(), file);
    }

    /** A five-minute DSA-110 drift file on the meridian at {@code decDeg} from {@code startMjd}. */
    private static PointingObservation file(String name, double startMjd, double decDeg) {
        String path = "/data/incoming/" + name + "_sb00.hdf5";
        return Samples.meridianFile(path, startMjd, startMjd + FILE_DAYS, 0.0, decDeg)
                .withHost("test-host");
    }
}
