package org.dsa110.contimg.contract.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dsa110.contimg.contract.json.Json;

/**
 * A status section (a snapshot's {@code metrics} or {@code details}) from a record with named fields, in the
 * dialect of {@link Json}: a field {@code eventsPublished} is {@code events_published} on the wire, in declaration
 * order, instants as their canonical text. Unlike a record on a topic, a field that is {@code null} is kept (as
 * {@code null}): the status file and the documented example show absent times that way. Whole numbers come out as
 * {@link Long}, whatever the field's type, so a reader of the map in the same process sees what a reader of the topic
 * sees.
 */
public final class StatusFields {

    private static final ObjectMapper MAPPER = Json.mapper()
            .copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final TypeReference<LinkedHashMap<String, Object>> ORDERED = new TypeReference<>() {};

    private StatusFields() {}

    /** The fields of {@code section} (a record), named and ordered as on the wire. */
    public static Map<String, Object> of(Object section) {
        return MAPPER.convertValue(section, ORDERED);
    }
}
