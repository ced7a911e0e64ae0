package org.dsa110.contimg.processors;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.dsa110.contimg.contract.topics.DeadLetters;
import org.dsa110.contimg.processors.kernel.DeadLetterCount;
import org.dsa110.contimg.processors.kernel.ProcessorsMetrics;

/**
 * The processors' handler of records they cannot read ({@link DeserializationExceptionHandler}) or a processor
 * threw at ({@link ProcessingExceptionHandler}): Kafka Streams' own log-and-continue handlers build the dead letter
 * for {@code contimg.dlq} (KIP-1034's headers; written in the task's transaction), and this adds which application
 * could not read it ({@link DeadLetters#HEADER_CONSUMER}: every host's processors read the shared topics, so a bad
 * record is dead-lettered once by each, and once by the calibration application) and counts it by source topic in
 * the application's status.
 *
 * <p>Streams makes one instance per handler setting, configured from the Streams configuration, which carries the
 * service's {@link DeadLetterCount} ({@link ProcessorsMetrics}, the calibration's metrics) under
 * {@link #METRICS_CONFIG}.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    /** The configuration entry holding the service's {@link DeadLetterCount} (an object, not text). */
    public static final String METRICS_CONFIG = "contimg.processors.metrics";

    private final LogAndContinueExceptionHandler unreadable = new LogAndContinueExceptionHandler();
    private final LogAndContinueProcessingExceptionHandler failed = new LogAndContinueProcessingExceptionHandler();
    private byte[] consumer = new byte[0];
    private DeadLetterCount metrics = topic -> {};

    @Override
    public void configure(Map<String, ?> configs) {
        unreadable.configure(configs);
        failed.configure(configs);
        consumer =
                String.valueOf(configs.get(StreamsConfig.APPLICATION_ID_CONFIG)).getBytes(StandardCharsets.UTF_8);
        if (configs.get(METRICS_CONFIG) instanceof DeadLetterCount given) {
            metrics = given;
        }
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        var response = unreadable.handleError(context, record, exception);
        marked(context, response.deadLetterQueueRecords());
        return response;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(
            ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        var response = failed.handleError(context, record, exception);
        marked(context, response.deadLetterQueueRecords());
        return response;
    }

    private void marked(ErrorHandlerContext context, List<ProducerRecord<byte[], byte[]>> letters) {
        for (ProducerRecord<byte[], byte[]> letter : letters) {
            letter.headers().add(DeadLetters.HEADER_CONSUMER, consumer);
        }
        metrics.deadLettered(context.topic());
    }
}
