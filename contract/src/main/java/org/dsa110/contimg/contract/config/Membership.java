package org.dsa110.contimg.contract.config;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Static group membership (KIP-345) of this instance in the processors' and the sink's consumer groups. A consumer
 * that restarts with the same {@code group.instance.id} within the session timeout gets its partitions back at once,
 * without a rebalance; a dynamic member restarting must first wait for its old self's session to expire (45 s by
 * default, during which nothing is processed). An instance that stays dead loses its partitions to the others when
 * its session times out: the bound on a takeover.
 *
 * <p>The id is the group's, then this instance's name: {@code contimg-processors-<name>}; Streams appends each stream
 * thread's index. The name is the host name unless {@code --instance-id} or {@value #ENV_INSTANCE} says otherwise:
 * two instances on one host need two names. (Kafka 4.3's Streams rebalance protocol refuses static membership, so the
 * processors stay on the classic protocol.)
 *
 * @param name           this instance's name, unique among the group's instances
 * @param sessionTimeout how long a silent member keeps its partitions
 */
public record Membership(String name, Duration sessionTimeout) {

    public static final String ENV_INSTANCE = "CONTIMG_INSTANCE_ID";
    public static final String ENV_SESSION_TIMEOUT = "CONTIMG_SESSION_TIMEOUT_SECONDS";
    /** Short enough that a dead instance's partitions move within a minute, long enough for a JVM's pauses. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(30);

    public Membership {
        if (name == null || name.isBlank() || !name.matches("[A-Za-z0-9._@-]+")) {
            throw new IllegalArgumentException(
                    "instance id \"" + name + "\" is not valid: use letters, digits, '.', '_', '@' or '-'");
        }
        // The broker's group.min/max.session.timeout.ms default to 6 s and 30 min.
        if (sessionTimeout.compareTo(Duration.ofSeconds(6)) < 0
                || sessionTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException(
                    "session timeout " + sessionTimeout.toSeconds() + " s is outside the broker's 6 s to 30 min");
        }
    }

    /**
     * What the command line said, else the environment, else the host name and the default timeout.
     *
     * @param name           {@code --instance-id}, or {@code null}
     * @param sessionTimeout {@code --session-timeout} (seconds), or {@code null}
     */
    public static Membership resolve(String name, Long sessionTimeoutSeconds, Map<String, String> env) {
        String picked = FlagOrEnv.pick(name, env, ENV_INSTANCE, s -> s, HostName.local());
        Duration timeout = FlagOrEnv.pick(
                sessionTimeoutSeconds == null ? null : Duration.ofSeconds(sessionTimeoutSeconds),
                env,
                ENV_SESSION_TIMEOUT,
                s -> Duration.ofSeconds(Long.parseLong(s)),
                DEFAULT_SESSION_TIMEOUT);
        return new Membership(picked, timeout);
    }

    /** This instance's {@code group.instance.id} in the group. */
    public String instanceId(String groupId) {
        return groupId + "-" + name;
    }

    /** Makes a consumer configuration (of group {@code groupId}) a static member: after the file's settings. */
    public Map<String, Object> applyTo(Map<String, Object> consumer, String groupId) {
        consumer.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId(groupId));
        consumer.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis());
        return consumer;
    }
}
