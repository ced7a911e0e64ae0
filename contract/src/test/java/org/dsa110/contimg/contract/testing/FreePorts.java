package org.dsa110.contimg.contract.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loopback ports nothing listens on right now, so tests never collide with a broker on 9092. Each is handed out
 * once per test JVM: the kernel readily gives a just-released port again, and two picks in a row (a broker's
 * client and controller ports) must differ.
 */
public final class FreePorts {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    public static int pick() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no free loopback port that this test JVM has not used already");
    }
}
