package org.dsa110.contimg.contract.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.dsa110.contimg.contract.FileEvent;
import org.dsa110.contimg.contract.Outcome;
import org.dsa110.contimg.contract.PointingObservation;
import org.dsa110.contimg.contract.Samples;
import org.dsa110.contimg.contract.StatusSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSerdeTest {

    static Stream<Arguments> everyRecordType() {
        return Stream.of(
                Arguments.of(Samples.casaLogCreated("/data/dsa110-contimg/ms/casa-20251104-101511.log")),
                Arguments.of(Samples.logMove("/data/dsa110-contimg/ms/casa-20251104-101511.log")),
                Arguments.of(Samples.tempPurge("/data/dsa110-contimg/TMPPOINTING_0fa3")),
                Arguments.of(Samples.pointingRequest("/data/incoming/2025-11-04T10:09:15_sb00.hdf5")),
                Arguments.of(Samples.pointing("/data/incoming/2025-11-04T10:09:15_sb00.hdf5")),
                Arguments.of(Samples.moved("/data/a/casa-1.log", "/data/state/logs/casa-1.log")),
                Arguments.of(Samples.status("producer@dsa110-imager")));
    }

    @ParameterizedTest
    @MethodSource("everyRecordType")
    @SuppressWarnings("unchecked")
    <T> void roundTripsEveryRecordTypeUnchanged(T value) {
        JsonSerde<T> serde = JsonSerde.of((Class<T>) value.getClass());
        byte[] bytes = serde.serialize("contimg.test", value);
        assertThat(serde.deserialize("contimg.test", bytes)).isEqualTo(value);
    }

    @ParameterizedTest
    @MethodSource("everyRecordType")
    <T> void writesSnakeCaseWithASchemaVersion(T value) throws Exception {
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsBytes(value));
        assertThat(json.get("schema").asInt()).isEqualTo(1);
        json.fieldNames().forEachRemaining(name -> assertThat(name).matches("[a-z][a-z0-9_]*"));
    }

    @Test
    void writesTimesAsIso8601UtcAndEnumsInLowerCase() {
        var event = Samples.casaLogCreated("/data/x/casa-1.log");
        String json = new String(JsonSerde.of(FileEvent.class).serialize("t", event), StandardCharsets.UTF_8);
        assertThat(json)
                .contains("\"observed_at\":\"2025-11-04T10:15:12.345Z\"")
                .contains("\"mtime\":\"2025-11-04T10:15:11Z\"")
                .contains("\"size_bytes\":2048")
                .contains("\"kind\":\"created\"", "\"type\":\"file\"", "\"source\":\"watch\"")
                .doesNotContain("\"directory\"", "\"regular_file\"");
    }

    @Test
    void outcomeStagesUseTheirHyphenatedNames() {
        String json = new String(
                JsonSerde.of(Outcome.class).serialize("t", Samples.moved("/a/casa-1.log", "/b")),
                StandardCharsets.UTF_8);
        assertThat(json).contains("\"stage\":\"log-move\"", "\"result\":\"moved\"");
    }

    @Test
    void statusKeepsNullMetricsAndTheirOrder() {
        var serde = JsonSerde.of(StatusSnapshot.class);
        String json = new String(serde.serialize("t", Samples.status("c")), StandardCharsets.UTF_8);
        assertThat(json).contains("\"metrics\":{\"files_processed\":12,\"files_failed\":0,\"last_error_time\":null}");
    }

    @Test
    void ignoresFieldsANewerWriterAdded() {
        String newer = """
                {"schema": 2, "path": "/data/x/casa-1.log", "kind": "created", "type": "file",
                 "inode": 1234567, "xattrs": {"user.origin": "casa"}, "kind_detail": "moved_to"}""";
        FileEvent event = JsonSerde.of(FileEvent.class).deserialize("contimg.fs-events", bytes(newer));
        assertThat(event.schema()).isEqualTo(2);
        assertThat(event.path()).isEqualTo("/data/x/casa-1.log");
        assertThat(event.kind()).isEqualTo(FileEvent.Kind.CREATED);
    }

    @Test
    void readsAnEnumValueItDoesNotKnowAsNull() {
        String json = "{\"schema\":1,\"path\":\"/data/x\",\"kind\":\"attrib\"}";
        assertThat(JsonSerde.of(FileEvent.class)
                        .deserialize("contimg.fs-events", bytes(json))
                        .kind())
                .isNull();
    }

    @Test
    void badJsonFailsWithOneLineNamingTheTopicAndType() {
        var serde = JsonSerde.of(PointingObservation.class);
        assertThatThrownBy(() -> serde.deserialize("contimg.pointing", bytes("{\"source_file\": \"/x\", ")))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("contimg.pointing: value is not a valid PointingObservation")
                .hasMessageContaining("line 1")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void textThatIsNotJsonAtAllFailsTheSameWay() {
        assertThatThrownBy(() -> JsonSerde.of(FileEvent.class)
                        .deserialize("contimg.fs-events", bytes("/data/x/casa-1.log created")))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("contimg.fs-events: value is not a valid FileEvent");
    }

    @Test
    void aRecordWithoutItsKeyFieldIsRejected() {
        assertThatThrownBy(() -> JsonSerde.of(FileEvent.class)
                        .deserialize("contimg.fs-events", bytes("{\"schema\":1,\"kind\":\"created\"}")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("path");
    }

    @Test
    void jsonNullIsRejectedButATombstoneStaysNull() {
        var serde = JsonSerde.of(StatusSnapshot.class);
        assertThat(serde.deserialize("contimg.status", null)).isNull();
        assertThat(serde.serialize("contimg.status", null)).isNull();
        assertThatThrownBy(() -> serde.deserialize("contimg.status", bytes("null")))
                .isInstanceOf(SerializationException.class)
                .hasMessage("contimg.status: value is JSON null, not a StatusSnapshot");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
