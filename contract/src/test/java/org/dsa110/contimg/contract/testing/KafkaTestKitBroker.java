package org.dsa110.contimg.contract.testing;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/** A single combined KRaft node started in this JVM by Kafka's own {@link KafkaClusterTestKit}. */
public final class KafkaTestKitBroker implements TestBroker {

    private final KafkaClusterTestKit cluster;

    private KafkaTestKitBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static KafkaTestKitBroker start() throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .build();
        var builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        TestBroker.singleNodeConfig().forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new KafkaTestKitBroker(cluster);
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping the test broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test broker: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "KafkaClusterTestKit broker at " + bootstrapServers();
    }
}
