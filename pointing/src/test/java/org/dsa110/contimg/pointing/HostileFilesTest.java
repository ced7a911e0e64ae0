package org.dsa110.contimg.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.dsa110.contimg.contract.testing.ReferenceCorpus;
import org.dsa110.contimg.contract.testing.RequiresCorpus;
import org.dsa110.contimg.fixtures.Dsa110File;
import org.dsa110.contimg.fixtures.UvH5Mutations;
import org.dsa110.contimg.pointing.UvH5Header.UvH5Exception;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every crash the fuzzing found ({@code UvH5FuzzTest}, {@code contimg bench fuzz}), kept as a case of its own: before
 * the fix each threw an {@code Error} or an exception other than {@link UvH5Exception}, or allocated hundreds of
 * MiB; now each is a one-line reason, with little allocated.
 */
class HostileFilesTest {

    private static final long MAX_ALLOCATED = 64L << 20;
    private final PointingExtractor extractor = new PointingExtractor(Duration.ofDays(1));

    @TempDir
    Path home;

    /** Corpus file, seed of {@code UvH5Mutations.mutant}, and the start of the one-line reason now given. */
    @ParameterizedTest(name = "{0} seed {1}")
    @RequiresCorpus
    @CsvSource(
            delimiter = '|',
            value = {
                // a datatype retyped: time_array read as integers, JD 4.7e18 (was IllegalArgumentException from SOFA)
                "variants/old_style_phased_v0.uvh5 | 89 | Header/time_array spans MJD 4.70254e+18",
                // a splice: a JD before UTC began (was IllegalArgumentException: year before UTC start)
                "pyuvdata/zen.2458661.23480.HH.uvh5 | 772 | Header/time_array spans MJD -2.40000e+06",
                // an object header's size as noise (jhdf allocated 928 MiB for it)
                "variants/old_style_phased_v0.uvh5 | 1358 | Header/time_array cannot be read",
                // an inflated count (OutOfMemoryError: Requested array size exceeds VM limit)
                "pyuvdata/zen.2458661.23480.HH.uvh5 | 409 | Header/time_array cannot be read",
                "variants/old_style_phased_v0.uvh5 | 1952 | Header cannot be read",
                // four bit flips in DSA-110 metadata (128 MiB allocated)
                "dsa110/2025-10-21T06:25:27_sb00.hdf5 | 612 | Header/time_array cannot be read",
                // a datatype 8 MiB wide: a block of time_array asked for 1.5 GiB
                "pyuvdata/zen.2457698.40355.xx.HH.uvcA.uvh5 | 18384 | Header/time_array has elements of 8388616 bytes",
                // a string datatype widened over its neighbours: garbage with line breaks in the reason
                "pyuvdata/ata.LoA.C0544.uvh5_60647_62965_9760406_3c286_0001.uvh5 | 4205 | phase centre frame icrs"
            })
    void aCrashTheFuzzingFoundIsAOneLineReason(String corpusFile, long seed, String reason) throws IOException {
        Path source = ReferenceCorpus.root().resolve(corpusFile);
        var mutant = new UvH5Mutations(Files.readAllBytes(source)).mutant(seed);
        Path file = Files.write(home.resolve(source.getFileName()), mutant.bytes());

        var threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        assertThatThrownBy(() -> extractor.extract(file))
                .isInstanceOf(UvH5Exception.class)
                .hasMessageStartingWith(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThanOrEqualTo(400));
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(MAX_ALLOCATED);
    }

    /**
     * A file of exactly 13 bytes, the signature and the start of a version 0 superblock: the superblock's size of
     * offsets, byte 13, was read one past the end (ArrayIndexOutOfBoundsException; 203 of the long run's million
     * cases, every one a cut at 13).
     */
    @Test
    @RequiresCorpus
    void aFileCutInsideItsSuperblockIsAOneLineReason() throws Exception {
        // h5py writes a version 0 superblock (the fixtures' writer a version 2 one, which has no byte 13 to read).
        Path whole = ReferenceCorpus.root().resolve("variants/old_style_phased_v0.uvh5");
        byte[] bytes = Files.readAllBytes(whole);
        for (int cut = 1; cut <= 64; cut++) {
            Path file = Files.createDirectories(home.resolve("cut-" + cut)).resolve(whole.getFileName());
            Files.write(file, Arrays.copyOf(bytes, cut));
            assertThatThrownBy(() -> extractor.extract(file))
                    .as("cut at " + cut)
                    .isInstanceOf(UvH5Exception.class);
        }
    }

    @Test
    void linkCyclesAreRefusedNotFollowedToAStackOverflow() throws Exception {
        assumeTrue(Files.exists(Path.of("/usr/bin/python3")), "needs /usr/bin/python3 with h5py to write links");
        Instant start = Instant.parse("2025-10-21T06:25:27Z");
        // Each was a StackOverflowError in jhdf: a soft link to itself, two soft links to each other, an external
        // link into its own file.
        String[][] cycles = {
            {"self", "del h['time_array']; h['time_array'] = h5py.SoftLink('/Header/time_array')"},
            {
                "pair",
                "del h['latitude']; h['latitude'] = h5py.SoftLink('/Header/lat2');"
                        + " h['lat2'] = h5py.SoftLink('/Header/latitude')"
            },
            {"external", "del h['time_array']; h['time_array'] = h5py.ExternalLink(path, '/Header/time_array')"}
        };
        for (String[] cycle : cycles) {
            Path file = Dsa110File.at(start, 57.5).writeInto(Files.createDirectories(home.resolve(cycle[0])));
            String script = "import sys, h5py\npath = sys.argv[1]\nf = h5py.File(path, 'r+')\nh = f['Header']\n"
                    + cycle[1] + "\nf.close()\n";
            Process python = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString())
                    .redirectErrorStream(true)
                    .start();
            String output = new String(python.getInputStream().readAllBytes());
            assumeTrue(!output.contains("No module named 'h5py'"), "needs Debian's python3-h5py to write links");
            assertThat(python.waitFor()).as(output).isZero();

            assertThatThrownBy(() -> extractor.extract(file))
                    .as(cycle[0])
                    .isInstanceOf(UvH5Exception.class)
                    .hasMessageEndingWith("is a soft or external link, which a header never needs; not followed");
        }
    }

    @Test
    void aFileCutShortUnderItsMappingIsNotYetWrittenNotACrash() throws Exception {
        Path file = Dsa110File.at(Instant.parse("2025-10-21T06:25:27Z"), 57.5).writeInto(home);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer mapped = UvH5Header.map(channel);
            channel.truncate(4096); // the mapping now reaches past the end: the JVM's SIGBUS becomes InternalError

            assertThatThrownBy(() -> UvH5Header.read(mapped, file))
                    .isInstanceOfSatisfying(
                            UvH5Exception.class,
                            e -> assertThat(e.kind()).isEqualTo(UvH5Exception.Kind.NOT_YET_WRITTEN))
                    .hasMessageStartingWith("shrank while it was read");
        }
    }
}
