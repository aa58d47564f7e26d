package org.egov.telemetry.http;

import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The embedded Jetty listener of one task: HTTP/1.1 (or HTTPS), bounded threads, header and idle limits,
 * CORS, and a graceful stop that lets requests already waiting for Kafka be answered.
 */
final class IngestServer {

    /** How long a stopping listener waits for the answers still being written. */
    static final long ANSWER_GRACE_MS = 1_000;

    private final Server server;
    private final ServerConnector connector;

    IngestServer(HttpSourceConfig config, Handler ingest, String threadName) {
        QueuedThreadPool threads = new QueuedThreadPool(config.threadsMax(), Math.min(8, config.threadsMax()));
        threads.setName(threadName);
        server = new Server(threads);
        server.setErrorHandler(new JsonErrorHandler(config.retryAfterSeconds()));

        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(config.maxHeaderBytes());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        ConnectionFactory[] factories;
        if (config.tls().enabled()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            // Clients reach the workers by address as often as by name; the certificate is the operator's choice.
            secure.setSniHostCheck(false);
            http.addCustomizer(secure);
            factories = new ConnectionFactory[] {new SslConnectionFactory(config.tls().contextFactory(), "http/1.1"), http1};
        } else {
            factories = new ConnectionFactory[] {http1};
        }
        connector = new ServerConnector(server, factories);
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setReusePort(true);
        connector.setIdleTimeout(config.idleTimeoutMs());
        connector.addBean(new HeaderDeadline(connector.getScheduler(), config.readTimeoutMs()));
        server.addConnector(connector);

        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(config.cors().originPatterns());
        cors.setAllowedMethods(Set.of("GET", "POST", "OPTIONS"));
        cors.setAllowedHeaders(config.cors().headers());
        cors.setPreflightMaxAge(config.cors().maxAge());
        cors.setAllowCredentials(false);
        cors.setHandler(ingest);
        // Server.stop() waits up to the stop timeout for requests being answered to finish.
        server.setHandler(new GracefulHandler(cors));
        server.setStopTimeout(ANSWER_GRACE_MS);
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

    int port() {
        return connector.getLocalPort();
    }

    boolean isRunning() {
        return server.isRunning();
    }

    /**
     * Closes the listening socket at once (with SO_REUSEPORT a socket that no longer accepts would still be
     * given new connections), lets requests on open connections be answered (new ones get the handler's 503)
     * until {@code inflight} is zero or {@code maxWaitMs} passes, then runs {@code giveUp} for what is left,
     * and stops once the answers it caused are written (at most {@link #ANSWER_GRACE_MS}).
     */
    void stopGracefully(IntSupplier inflight, long maxWaitMs, Runnable giveUp) {
        connector.close();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        while (inflight.getAsInt() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inflight.getAsInt() > 0) {
            giveUp.run();
        }
        stop();
    }

    void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort; the worker goes on
        }
    }
}
