package org.dsa110.contimg.contract.config;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The id of a host that holds a tree ({@code --host-id}): the producer stamps it on every event it publishes, and only
 * the processors with the same id act on those events (docs/design.md, "Many hosts"). It names the host's components
 * ({@code producer@<id>}, {@code processors@<id>}) and its processors' Streams application
 * ({@code contimg-processors.<id>}), whose internal topics take it into their names: hence the characters a topic
 * name allows, and a length that leaves room for the longest store name.
 */
public final class HostId {

    public static final String ENV = "CONTIMG_HOST_ID";
    /** Topic names end at 249 characters; the application id prefixes the changelogs' names. */
    static final int MAX_LENGTH = 100;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private HostId() {}

    /** The flag, else {@value #ENV}, else this host's name; refused unless it is a valid id. */
    public static String resolve(String flag, Map<String, String> env) {
        return requireValid(FlagOrEnv.pick(flag, env, ENV, s -> s, HostName.local()));
    }

    /** {@code id} when it is valid, else an {@link IllegalArgumentException} saying what is allowed. */
    public static String requireValid(String id) {
        if (id == null || id.length() > MAX_LENGTH || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("host id \"" + id + "\" is not valid: use up to " + MAX_LENGTH
                    + " letters, digits, '.', '_' or '-', not starting with '.'");
        }
        return id;
    }
}
