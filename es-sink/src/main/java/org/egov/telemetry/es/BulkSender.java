package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.ConnectException;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends one batch with bulk requests until every action is settled: acknowledged, rejected as malformed, or the
 * batch failed. Runs on a background thread.
 *
 * <ul>
 *   <li>A whole request that fails for a transient reason (I/O error, unreachable node, HTTP 429 or 5xx) is
 *       retried up to {@code max.retries} times; then the batch fails.</li>
 *   <li>Items rejected for lack of capacity (429, 503, rejected execution) are retried on their own, with backoff
 *       and without limit: backpressure never fails the task. A later action of the batch for the same document
 *       is sent again after them, so retries never reorder writes to one id.</li>
 *   <li>Permanent item errors are never retried: malformed documents are handed back, anything else fails.</li>
 * </ul>
 */
class BulkSender {

    private static final Logger log = LoggerFactory.getLogger(BulkSender.class);
    private static final int WARN_EVERY = 10;

    /** How one action of a batch ended. */
    enum Status { UNSETTLED, ACKNOWLEDGED, MALFORMED }

    /** Per action of the batch its status and, for malformed ones, the node's reason; a failure or null. */
    record Outcome(Status[] status, String[] reasons, ConnectException failure) {
    }

    private final SearchClient client;
    private final int maxRetries;
    private final Backoff backoff;
    private final ElasticsearchSinkMetrics metrics;

    BulkSender(SearchClient client, ElasticsearchSinkConnectorConfig config, ElasticsearchSinkMetrics metrics) {
        this.client = client;
        this.maxRetries = config.bulk().maxRetries();
        this.backoff = new Backoff(config.bulk().retryBackoffMs(), config.bulk().retryBackoffMaxMs());
        this.metrics = metrics;
    }

    Outcome send(List<BulkAction> batch) {
        Status[] status = new Status[batch.size()];
        String[] reasons = new String[batch.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            status[i] = batch.get(i).sends() ? Status.UNSETTLED : Status.ACKNOWLEDGED;
            if (batch.get(i).sends()) {
                pending.add(i);
            }
        }
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                backoff.sleep(attempt);
                metrics.retried(pending.size());
            }
            List<BulkAction> actions = pending.stream().map(batch::get).toList();
            List<BulkItemResult> results;
            try {
                results = execute(actions);
            } catch (ConnectException e) {
                return new Outcome(status, reasons, e);
            }
            List<Integer> retry = new ArrayList<>();
            Set<BulkAction.Target> retried = new HashSet<>();
            for (int j = 0; j < results.size(); j++) {
                int index = pending.get(j);
                BulkAction action = batch.get(index);
                BulkItemResult result = results.get(j);
                BulkItemResult.Outcome outcome = result.outcome(action.kind());
                if (outcome == BulkItemResult.Outcome.RETRIABLE) {
                    metrics.rejected(1);
                }
                if (outcome == BulkItemResult.Outcome.RETRIABLE
                        || !retried.isEmpty() && retried.contains(action.target())) {
                    retry.add(index);                 // and every later write to the same document after it
                    retried.add(action.target());
                    continue;
                }
                switch (outcome) {
                    case OK -> {
                        status[index] = Status.ACKNOWLEDGED;
                        metrics.indexed();
                    }
                    case MALFORMED -> {
                        status[index] = Status.MALFORMED;
                        reasons[index] = result.describe();
                    }
                    default -> {
                        return new Outcome(status, reasons, new ConnectException("Failed to write record "
                                + action.coordinates() + " (index " + action.index() + ", id " + action.id() + "): "
                                + result.describe()));
                    }
                }
            }
            if (!retry.isEmpty()) {
                if ((attempt + 1) % WARN_EVERY == 0) {
                    log.warn("The search node still rejects {} of {} documents for lack of capacity after {} "
                            + "attempts; retrying (first: record {})", retry.size(), actions.size(), attempt + 1,
                            batch.get(retry.get(0)).coordinates());
                } else {
                    log.debug("Retrying {} of {} documents rejected by the node (attempt {})", retry.size(),
                            actions.size(), attempt + 1);
                }
            }
            pending = retry;
        }
        return new Outcome(status, reasons, null);
    }

    /** One bulk call, retrying the whole request on transient errors. */
    private List<BulkItemResult> execute(List<BulkAction> actions) {
        byte[] body = BulkRequestBody.of(actions);
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                backoff.sleep(attempt);
            }
            long started = System.nanoTime();
            try {
                return client.bulk(body, actions.size());
            } catch (ResponseException e) {
                int code = e.getResponse().getStatusLine().getStatusCode();
                if (code == 429) {
                    metrics.rejected(actions.size());
                }
                if (!(code == 429 || code >= 500) || attempt >= maxRetries) {
                    throw new ConnectException("Bulk request of " + actions.size() + " documents failed with HTTP "
                            + code + (attempt > 0 ? " after " + attempt + " retries" : ""), e);
                }
                log.debug("Bulk request answered HTTP {}, retrying (attempt {})", code, attempt + 1);
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new ConnectException("Bulk request of " + actions.size() + " documents failed after "
                            + maxRetries + " retries (max.retries): " + e, e);
                }
                if ((attempt + 1) % 5 == 0) {
                    log.warn("Bulk request of {} documents failed {} times ({}), retrying", actions.size(),
                            attempt + 1, e.toString());
                } else {
                    log.debug("Bulk request failed ({}), retrying (attempt {})", e.toString(), attempt + 1);
                }
            } finally {
                metrics.bulkRequest(System.nanoTime() - started);
            }
        }
    }
}
