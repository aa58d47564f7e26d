package org.egov.telemetry.http;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.apache.kafka.connect.errors.ConnectException;

/** The embedded Jetty listener of one task. */
final class IngestServer {

    private final Server server;
    private final ServerConnector connector;

    IngestServer(HttpSourceConfig config, IngestQueue queue, String threadName) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 4);
        threads.setName(threadName);
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(30_000);
        server.addConnector(connector);
        server.setHandler(new IngestHandler(config, queue));
        server.setStopTimeout(5_000);
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            stop();
            throw new ConnectException("Could not start the telemetry HTTP listener on "
                    + connector.getHost() + ":" + connector.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (useful when the configured port is taken by the OS for tests). */
    int port() {
        return connector.getLocalPort();
    }

    boolean isRunning() {
        return server.isRunning();
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort; the worker goes on
        }
    }
}
