package org.dsa110.contimg.contract.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instant text against the JDK's, which stays the reference: same text out, same instant in. */
class InstantTextTest {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void writesAndReadsWhatTheJdkDoesFor200000RandomInstants() {
        var random = new SplittableRandom(20261201);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(FIRST, LAST + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            String text = instant.toString();
            assertEquals(text, InstantText.format(instant));
            assertEquals(instant, InstantText.parse(text), text);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0000-01-01T00:00:00Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "2024-02-29T12:00:00.5Z",
                "2026-12-01T20:00:00.12Z",
                "2026-12-01T20:00:00.1234Z",
                "9999-12-31T23:59:59.999Z"
            })
    void readsEveryFractionLengthAsTheJdkDoes(String text) {
        assertEquals(Instant.parse(text), InstantText.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-12-01T21:00:00+01:00",
                "+10000-01-01T00:00:00Z",
                "2026-12-01T23:59:60Z",
                "2026-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-12-01t20:00:00z",
                "2026-12-01T20:00:00.Z",
                "2026-12-01T20:00:00.1234567890Z",
                "2026-12-01 20:00:00Z",
                "2026-12-01T20:00Z",
                "not an instant at all"
            })
    void leavesEveryOtherFormToTheJdk(String text) {
        assertNull(InstantText.parse(text));
    }

    @Test
    void theDialectStillReadsAndWritesTheFormsOnlyTheJdkHandles() throws Exception {
        var mapper = Json.mapper();
        assertEquals(
                Instant.parse("2026-12-01T20:00:00Z"),
                mapper.readValue("\"2026-12-01T21:00:00+01:00\"", Instant.class),
                "an offset, as JavaTimeModule reads it");
        Instant far = Instant.parse("+10000-01-01T00:00:00Z");
        assertEquals("\"+10000-01-01T00:00:00Z\"", mapper.writeValueAsString(far));
        assertEquals(far, mapper.readValue("\"+10000-01-01T00:00:00Z\"", Instant.class));
        assertNull(InstantText.format(far));
        assertThrows(JsonMappingException.class, () -> mapper.readValue("\"2026-02-29T00:00:00Z\"", Instant.class));
        assertEquals(
                "\"2026-12-01T20:00:00.120Z\"", mapper.writeValueAsString(Instant.parse("2026-12-01T20:00:00.12Z")));
    }
}
