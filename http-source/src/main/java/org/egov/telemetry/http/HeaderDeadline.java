package org.egov.telemetry.http;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.thread.Scheduler;

import java.util.concurrent.TimeUnit;

/**
 * Cuts connections whose first request has not arrived in full within the read timeout. Jetty's idle timeout
 * restarts with every byte, so a client sending its request line and headers one byte at a time ("slowloris")
 * would otherwise hold the connection for ever.
 */
final class HeaderDeadline implements Connection.Listener {

    private final Scheduler scheduler;
    private final long timeoutMs;

    HeaderDeadline(Scheduler scheduler, long timeoutMs) {
        this.scheduler = scheduler;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void onOpened(Connection connection) {
        scheduler.schedule(() -> expireIfNoRequest(connection), timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {
    }

    private static void expireIfNoRequest(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        if (endPoint.isOpen() && connection.getMessagesIn() == 0) {
            // Let Jetty's own idle handling end the exchange: it answers 408 where it can, then closes.
            endPoint.setIdleTimeout(1);
        }
    }
}
