package org.dsa110.contimg.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** MJD (UTC) and instants; the time and sub-band in a correlator's file name. */
class MjdAndFileNameTest {

    @Test
    void mjdBecomesAnInstantToTheMicrosecondAndBack() {
        assertThat(Mjd.toInstant(60000.0)).isEqualTo(Instant.parse("2023-02-25T00:00:00Z"));
        assertThat(Mjd.toInstant(60000.5)).isEqualTo(Instant.parse("2023-02-25T12:00:00Z"));
        assertThat(Mjd.toInstant(60983.1)).isEqualTo(Instant.parse("2025-11-04T02:24:00Z"));
        assertThat(Mjd.of(Instant.parse("2023-02-25T12:00:00Z"))).isEqualTo(60000.5);
        assertThat(Mjd.toInstant(Mjd.of(Instant.parse("2025-10-21T06:25:27.123456Z"))))
                .isEqualTo(Instant.parse("2025-10-21T06:25:27.123456Z"));
    }

    @Test
    void theCorrelatorsNameCarriesTheTimeAndSubband() {
        assertThat(CorrelatorFileName.parse("2025-10-21T06:25:27_sb00.hdf5"))
                .isEqualTo(new CorrelatorFileName(Instant.parse("2025-10-21T06:25:27Z"), 0));
        assertThat(CorrelatorFileName.parse("2025-10-21T06:25:27_sb15.hdf5").subband())
                .isEqualTo(15);
        assertThat(CorrelatorFileName.parse("2025-10-21T06:25:27.hdf5"))
                .isEqualTo(new CorrelatorFileName(Instant.parse("2025-10-21T06:25:27Z"), null));
        assertThat(CorrelatorFileName.parse("2025-13-45T06:25:27_sb00.hdf5"))
                .isEqualTo(new CorrelatorFileName(null, 0));
        assertThat(CorrelatorFileName.parse("calibrator_sb00.hdf5")).isNull();
        assertThat(CorrelatorFileName.parse("2025-10-21T06:25:27_sb00.hdf5.md5"))
                .isNull();
    }
}
