package org.dsa110.contimg.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dsa110.contimg.contract.testing.FreePorts;
import org.dsa110.contimg.contract.testing.SharedKafka;
import org.dsa110.contimg.contract.testing.TestBroker;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code contimg sink} as an operator starts it, with no {@code --http-host} and no {@code CONTIMG_HTTP_HOST}: its
 * API answers on loopback and on no other address of the machine.
 */
@ExtendWith(SharedKafka.class)
class HttpDefaultBindingTest {

    private static final Pattern API = Pattern.compile("API at http://([^:/]+):(\\d+) ");

    @TempDir
    Path home;

    @Test
    void theApiListensOnLoopbackOnlyByDefault(TestBroker broker) throws Exception {
        broker.withContractTopics();
        int port = FreePorts.pick();
        List<InetAddress> external = externalAddresses();
        try (var sink = ChildContimg.start(
                "sink",
                "--home",
                home.toString(),
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--http-port",
                Integer.toString(port))) {
            Matcher api = API.matcher(sink.awaitLine("API at"));
            assertThat(api.find()).isTrue();
            assertThat(api.group(1)).isEqualTo("127.0.0.1");
            assertThat(Integer.parseInt(api.group(2))).isEqualTo(port);

            var health = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as("the API answers on loopback").isIn(200, 503);

            Assumptions.assumeFalse(
                    external.isEmpty(),
                    "this machine has no non-loopback address to check the API is not reachable on");
            for (InetAddress address : external) {
                assertThatThrownBy(() -> connect(address, port))
                        .as("connecting to %s:%d", address, port)
                        .isInstanceOf(ConnectException.class);
            }
            sink.signal("TERM");
            assertThat(sink.awaitExit()).isEqualTo(143);
        }
    }

    private static void connect(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
        }
    }

    /** Every address of an interface that is up, other than loopback and link-local ones. */
    private static List<InetAddress> externalAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(HttpDefaultBindingTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .toList();
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
