package org.dsa110.contimg.contract.testing;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** The official {@code apache/kafka} image in Testcontainers, for machines that have a Docker engine. */
final class ContainerBroker implements TestBroker {

    static final String IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    private ContainerBroker(KafkaContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @SuppressWarnings("resource") // closed by close()
    static ContainerBroker start() {
        var container = new KafkaContainer(IMAGE);
        TestBroker.singleNodeConfig()
                .forEach((name, value) ->
                        container.withEnv("KAFKA_" + name.toUpperCase().replace('.', '_'), value));
        container.start();
        return new ContainerBroker(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }

    @Override
    public String toString() {
        return IMAGE + " container at " + bootstrapServers();
    }
}
