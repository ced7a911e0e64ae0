package org.dsa110.contimg.sink.status;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Times as the old monitor wrote them: Unix seconds with microseconds, like Python's {@code time.time()}, written
 * as a plain decimal ({@code 1795326905.018620}) rather than the {@code 1.795326905018620E9} a double would give.
 */
final class UnixSeconds {

    private UnixSeconds() {}

    static BigDecimal of(Instant at) {
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano() / 1000, 6));
    }
}
