package org.dsa110.contimg.processors.pointing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.dsa110.contimg.pointing.UvH5Header.UvH5Exception;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads bounded in time, stuck ones never piled up, and a hostile file's Errors turned into one-line reasons. */
class BoundedReadsTest {

    private final AtomicInteger abandoned = new AtomicInteger();
    private final BoundedReads reads =
            new BoundedReads(Duration.ofMillis(200), 2, Clock.systemUTC(), abandoned::incrementAndGet);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void release() {
        release.countDown();
        reads.close();
    }

    @Test
    void aReadWithinItsBoundGivesItsResult() {
        assertThat(reads.read("/a", () -> "pointing")).isEqualTo("pointing");
        assertThat(reads.unfinished()).isZero();
    }

    @Test
    void aStuckReadIsAbandonedNotReadAgainWhileStuckAndOthersGoOn() {
        assertThatThrownBy(() -> reads.read("/stuck", this::stuck)).isInstanceOfSatisfying(UvH5Exception.class, e -> {
            assertThat(e.kind()).isEqualTo(UvH5Exception.Kind.NOT_YET_WRITTEN);
            assertThat(e.getMessage()).startsWith("not read within 200 ms");
        });
        assertThat(abandoned).hasValue(1);

        assertThatThrownBy(() -> reads.read("/stuck", () -> "never started")).hasMessageContaining("has not finished");
        assertThat(abandoned).as("answered at once, not abandoned again").hasValue(1);
        assertThat(reads.read("/other", () -> "fine")).isEqualTo("fine");
    }

    @Test
    void onceEnoughReadsAreStuckNoNewOneStarts() {
        for (String path : new String[] {"/1", "/2"}) {
            assertThatThrownBy(() -> reads.read(path, this::stuck)).hasMessageStartingWith("not read within");
        }
        AtomicInteger started = new AtomicInteger();
        assertThatThrownBy(() -> reads.read("/3", started::incrementAndGet))
                .hasMessage("2 reads of other files have not finished (a hung mount?)");
        assertThat(started).hasValue(0);

        release.countDown(); // the mount comes back
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (reads.unfinished() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(reads.read("/3", () -> "read")).isEqualTo("read");
    }

    @Test
    void errorsAHostileFileCanCauseBecomeReasons() {
        // A bound no failing allocation (a full collection first) comes near, on a loaded machine too.
        var reads = new BoundedReads(Duration.ofMinutes(1), 2, Clock.systemUTC(), abandoned::incrementAndGet);
        assertThatThrownBy(() -> reads.read("/deep", () -> {
                    throw new StackOverflowError();
                }))
                .isInstanceOfSatisfying(
                        UvH5Exception.class, e -> assertThat(e.kind()).isEqualTo(UvH5Exception.Kind.WRONG))
                .hasMessage("nested too deeply to read (a cycle of links?)");
        assertThatThrownBy(() -> reads.read("/huge", () -> new long[Integer.MAX_VALUE - 2]))
                .isInstanceOfSatisfying(
                        UvH5Exception.class, e -> assertThat(e.kind()).isEqualTo(UvH5Exception.Kind.WRONG))
                .hasMessageStartingWith("asks for more memory than a header can need");
        assertThatThrownBy(() -> reads.read("/shrunk", () -> {
                    throw new InternalError("a fault occurred in an unsafe memory access operation");
                }))
                .isInstanceOfSatisfying(
                        UvH5Exception.class, e -> assertThat(e.kind()).isEqualTo(UvH5Exception.Kind.NOT_YET_WRITTEN))
                .hasMessageStartingWith("changed while it was read");
    }

    private String stuck() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "late";
    }
}
