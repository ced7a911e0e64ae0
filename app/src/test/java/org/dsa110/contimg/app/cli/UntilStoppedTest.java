package org.dsa110.contimg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.dsa110.contimg.contract.service.Service;
import org.junit.jupiter.api.Test;

/** A service that cannot go on stops its command: everything closed in reverse, exit 1 with the reason. */
class UntilStoppedTest {

    /** A service whose own thread finds, after a while, that it cannot go on. */
    private static final class Failing implements Service {
        private final String name;
        private final List<String> closed;
        private final long failAfterMillis;
        private long startedAt;

        Failing(String name, List<String> closed, long failAfterMillis) {
            this.name = name;
            this.closed = closed;
            this.failAfterMillis = failAfterMillis;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void start() {
            startedAt = System.currentTimeMillis();
        }

        @Override
        public String describe() {
            return name;
        }

        @Override
        public String failure() {
            return failAfterMillis >= 0 && System.currentTimeMillis() - startedAt > failAfterMillis
                    ? "its loop stopped: a bug"
                    : null;
        }

        @Override
        public void close() {
            closed.add(name);
        }
    }

    @Test
    void aFailedServiceClosesEveryServiceAndEndsTheCommandWithItsReason() {
        var closed = new ArrayList<String>();
        var out = new StringWriter();
        assertThatThrownBy(() -> UntilStopped.run("sink", new PrintWriter(out, true), services -> {
                    services.start(new Failing("broker", closed, -1));
                    services.start(new Failing("pointing sink", closed, 300));
                    return "(Ctrl-C to stop)";
                }))
                .isInstanceOf(UntilStopped.ServiceFailedException.class)
                .hasMessage("pointing sink: its loop stopped: a bug");
        assertThat(closed).containsExactly("pointing sink", "broker");
        assertThat(out.toString())
                .contains("contimg sink: ready (Ctrl-C to stop)")
                .contains("contimg sink: stopping: pointing sink: its loop stopped: a bug");
    }
}
