package org.dsa110.contimg.app.cli;

import org.dsa110.contimg.contract.config.Membership;
import picocli.CommandLine.Option;

/** Static membership of this instance in its consumer groups (see {@link Membership}). */
public final class MembershipOptions {

    @Option(
            names = "--instance-id",
            paramLabel = "NAME",
            description = "This instance's name in its consumer groups (group.instance.id <group>-NAME), the same "
                    + "across restarts so a restarted instance resumes at once; default: "
                    + Membership.ENV_INSTANCE + ", else the host name. Two instances on one host need two names.")
    String instanceId;

    @Option(
            names = "--session-timeout",
            paramLabel = "SECONDS",
            description = "How long a silent instance keeps its partitions, the bound on a dead instance's "
                    + "takeover (default: " + Membership.ENV_SESSION_TIMEOUT + ", else 30; 6 to 1800).")
    Long sessionTimeoutSeconds;

    public Membership resolve() {
        return Membership.resolve(instanceId, sessionTimeoutSeconds, System.getenv());
    }
}
