package org.dsa110.contimg.contract.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.dsa110.contimg.contract.OneLine;

/**
 * The one JSON dialect of every contimg topic: UTF-8, snake_case names, ISO-8601 UTC instants, unknown fields and
 * unknown enum values ignored on read (a newer writer must not break an older reader), absent values left out.
 */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            // After JavaTimeModule, so that it takes precedence: the canonical form without DateTimeFormatter.
            .addModule(new InstantModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Numbers are most of a pointing record; these parse and print them exactly, several times faster.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
            // Absent record fields are left out; a null inside a map (a status metric) is written as null.
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .build();

    private Json() {}

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Jackson's message without its multi-line source excerpt, for one-line errors. */
    public static String oneLine(JsonProcessingException e) {
        var where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return OneLine.of(e.getOriginalMessage()) + where;
    }
}
