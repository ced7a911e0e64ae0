package org.dsa110.contimg.contract.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension that gives tests a real Kafka broker: one per test JVM, started by the first test class that
 * asks and stopped when the JVM's test run ends. Test classes declare {@code @ExtendWith(SharedKafka.class)} and
 * take a {@link TestBroker} parameter.
 *
 * <p>By default the broker is Kafka's {@code KafkaClusterTestKit} in this JVM (these machines have no Docker
 * engine). With {@code -Dcontimg.test.broker=container} the same tests run against Testcontainers'
 * {@code apache/kafka} image instead, and are skipped, saying why, where no Docker engine answers.
 *
 * <p>Tests share the broker, so they must not assume the registry topics are empty: consume with a fresh group
 * and pick out the keys the test produced.
 */
public final class SharedKafka implements BeforeAllCallback, ParameterResolver {

    public static final String BACKEND_PROPERTY = "contimg.test.broker";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedKafka.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        broker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker(context);
    }

    private static TestBroker broker(ExtensionContext context) {
        // The root store lives for the whole JVM's run and closes its AutoCloseable values at the end.
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(TestBroker.class, type -> start(), TestBroker.class);
    }

    private static TestBroker start() {
        String backend = System.getProperty(BACKEND_PROPERTY, "testkit");
        try {
            if (backend.equals("container")) {
                if (!ContainerBroker.dockerAvailable()) {
                    throw new TestAbortedException("-D" + BACKEND_PROPERTY + "=container but no Docker engine answers");
                }
                return ContainerBroker.start();
            }
            return KafkaTestKitBroker.start();
        } catch (TestAbortedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the shared test broker (" + backend + "): " + e, e);
        }
    }
}
