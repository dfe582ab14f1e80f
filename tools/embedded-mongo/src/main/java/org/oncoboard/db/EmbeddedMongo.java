package org.oncoboard.db;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a MongoDB-wire-protocol server on loopback with its data in one H2 MVStore file.
 *
 * Usage: EmbeddedMongo <data-file> [port]
 * Prints "listening <host>:<port>" once bound (port 0 picks a free one), and shuts down
 * cleanly on SIGTERM or when its standard input closes, so it never outlives its parent.
 */
public final class EmbeddedMongo {
    private EmbeddedMongo() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: EmbeddedMongo <data-file> [port]");
            System.exit(2);
        }
        Path dataFile = Path.of(args[0]).toAbsolutePath();
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 0;
        Files.createDirectories(dataFile.getParent());

        H2Backend backend = new H2Backend(dataFile.toString());
        backend.version(ServerVersion.MONGO_5_0);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();

        Thread stopper = new Thread(() -> stop(server, backend), "embedded-mongo-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);

        System.out.println("listening " + address.getHostString() + ":" + address.getPort());
        System.out.flush();

        waitForEndOfInput(System.in);
        System.exit(0);
    }

    private static void waitForEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored: only its end matters.
            }
        } catch (IOException ignored) {
            // A broken pipe means the parent is gone, which is the same signal as end of input.
        }
    }

    private static synchronized void stop(MongoServer server, H2Backend backend) {
        server.shutdownNow();
        backend.close();
    }
}
