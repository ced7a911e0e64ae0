package org.dsa110.contimg.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.dsa110.contimg.contract.FileEvent.Kind;
import org.junit.jupiter.api.Test;

class BurstCoalescerTest {

    private static final long WINDOW = 250_000_000L;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<String> passed = new ArrayList<>();
    private final AtomicLong opened = new AtomicLong();
    private final BurstCoalescer coalescer = new BurstCoalescer(
            WINDOW, now::get, (path, kind) -> passed.add(path.getFileName() + " " + kind), opened::incrementAndGet);

    @Test
    void theFirstEventOfAPathPassesAtOnce() {
        assertThat(coalescer.offer(Path.of("/d/casa-1.log"), Kind.CREATED)).isTrue();
        assertThat(passed).containsExactly("casa-1.log CREATED");
    }

    @Test
    void aBurstOfWritesBecomesOneTrailingEventWhenTheWindowCloses() {
        coalescer.offer(Path.of("/d/casa-1.log"), Kind.CREATED);
        for (int i = 0; i < 100; i++) {
            assertThat(coalescer.offer(Path.of("/d/casa-1.log"), Kind.MODIFIED)).isFalse();
        }
        now.addAndGet(WINDOW - 1);
        coalescer.closeDue();
        assertThat(passed).containsExactly("casa-1.log CREATED");
        now.addAndGet(1);
        coalescer.closeDue();
        assertThat(passed).containsExactly("casa-1.log CREATED", "casa-1.log MODIFIED");
        assertThat(coalescer.openWindows()).isZero();
    }

    @Test
    void aQuietWindowClosesWithoutAnotherEvent() {
        coalescer.offer(Path.of("/d/casa-1.log"), Kind.CREATED);
        now.addAndGet(WINDOW);
        coalescer.closeDue();
        assertThat(passed).containsExactly("casa-1.log CREATED");
        // After the window the next event is a first event again.
        assertThat(coalescer.offer(Path.of("/d/casa-1.log"), Kind.MODIFIED)).isTrue();
    }

    @Test
    void pathsAreCoalescedSeparately() {
        coalescer.offer(Path.of("/d/a.log"), Kind.CREATED);
        coalescer.offer(Path.of("/d/b.log"), Kind.CREATED);
        coalescer.offer(Path.of("/d/a.log"), Kind.DELETED);
        coalescer.closeAll();
        assertThat(passed).containsExactly("a.log CREATED", "b.log CREATED", "a.log DELETED");
    }

    @Test
    void aZeroWindowPassesEverything() {
        var all = new BurstCoalescer(0, now::get, (path, kind) -> passed.add(kind.toString()), opened::incrementAndGet);
        all.offer(Path.of("/d/a"), Kind.CREATED);
        all.offer(Path.of("/d/a"), Kind.MODIFIED);
        assertThat(passed).containsExactly("CREATED", "MODIFIED");
        assertThat(opened).as("no window, nothing to close later").hasValue(0);
    }

    @Test
    void eachNewWindowAsksForAClose_andTheCloseSaysWhenTheNextIsDue() {
        assertThat(coalescer.closeDue()).as("nothing open: nothing to wake for").isEqualTo(-1);
        coalescer.offer(Path.of("/d/a.log"), Kind.CREATED);
        assertThat(opened).hasValue(1);
        coalescer.offer(Path.of("/d/a.log"), Kind.MODIFIED);
        assertThat(opened).as("a held event opens no window").hasValue(1);
        now.addAndGet(100_000_000L);
        coalescer.offer(Path.of("/d/b.log"), Kind.CREATED);
        assertThat(opened).hasValue(2);
        assertThat(coalescer.closeDue()).as("a.log's window ends first").isEqualTo(WINDOW - 100_000_000L);
        now.addAndGet(WINDOW - 100_000_000L);
        assertThat(coalescer.closeDue()).as("then b.log's").isEqualTo(100_000_000L);
        assertThat(passed).containsExactly("a.log CREATED", "b.log CREATED", "a.log MODIFIED");
        now.addAndGet(100_000_000L);
        assertThat(coalescer.closeDue()).isEqualTo(-1);
        assertThat(coalescer.openWindows()).isZero();
    }
}
