package org.dsa110.contimg.contract.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This host's name, as components put it in their ids ({@code producer@<host>}) and events. */
public final class HostName {

    private HostName() {}

    public static String local() {
        String fromEnv = System.getenv("HOSTNAME");
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? fallback(fromEnv) : name;
        } catch (UnknownHostException e) {
            return fallback(fromEnv);
        }
    }

    private static String fallback(String fromEnv) {
        return fromEnv == null || fromEnv.isBlank() ? "localhost" : fromEnv;
    }
}
