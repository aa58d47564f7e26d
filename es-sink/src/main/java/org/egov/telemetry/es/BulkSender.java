package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.ConnectException;
import org.egov.telemetry.es.ElasticsearchSinkConnectorConfig.MalformedDocumentBehavior;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one batch as bulk requests until every action is settled: acknowledged, skipped as malformed
 * (ignore/warn), or failed. Transient failures are retried with exponential backoff: the whole request on I/O
 * errors, 429 and 5xx answers; only the rejected actions when single items come back 429/503 or rejected for
 * lack of capacity. Permanent errors are never retried.
 */
final class BulkSender {

    private static final Logger log = LoggerFactory.getLogger(BulkSender.class);

    /** Which actions of the batch are settled, and the first reason the batch cannot complete (or null). */
    record Outcome(boolean[] acknowledged, ConnectException failure) {
    }

    private final SearchClient client;
    private final int maxRetries;
    private final long backoffMs;
    private final MalformedDocumentBehavior onMalformed;

    BulkSender(SearchClient client, ElasticsearchSinkConnectorConfig config) {
        this.client = client;
        this.maxRetries = config.maxRetries();
        this.backoffMs = config.retryBackoffMs();
        this.onMalformed = config.behaviorOnMalformedDocuments();
    }

    Outcome send(List<BulkAction> batch) {
        boolean[] acknowledged = new boolean[batch.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).sends()) {
                pending.add(i);
            } else {
                acknowledged[i] = true;
            }
        }
        ConnectException failure = null;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                sleep(attempt);
            }
            List<BulkAction> actions = pending.stream().map(batch::get).toList();
            List<BulkItemResult> results;
            try {
                results = BulkItemResult.parse(execute(actions), actions.size());
            } catch (ConnectException e) {
                return new Outcome(acknowledged, e);
            }
            List<Integer> retry = new ArrayList<>();
            for (int j = 0; j < results.size(); j++) {
                int index = pending.get(j);
                BulkAction action = batch.get(index);
                BulkItemResult result = results.get(j);
                switch (result.outcome(action.kind())) {
                    case OK -> acknowledged[index] = true;
                    case RETRIABLE -> retry.add(index);
                    case MALFORMED -> {
                        if (onMalformed == MalformedDocumentBehavior.FAIL) {
                            failure = first(failure, "Malformed document for record " + action.coordinates()
                                    + " (index " + action.index() + ", id " + action.id() + "): " + result.describe()
                                    + "; set behavior.on.malformed.documents to warn or ignore to skip such documents");
                        } else {
                            if (onMalformed == MalformedDocumentBehavior.WARN) {
                                log.warn("Skipping malformed document for record {} (index {}, id {}): {}",
                                        action.coordinates(), action.index(), action.id(), result.describe());
                            }
                            acknowledged[index] = true;
                        }
                    }
                    case FAILED -> failure = first(failure, "Failed to write record " + action.coordinates()
                            + " (index " + action.index() + ", id " + action.id() + "): " + result.describe());
                }
            }
            if (failure != null) {
                break;                                // the batch cannot complete; no point in retrying the rest
            }
            if (!retry.isEmpty() && attempt >= maxRetries) {
                failure = new ConnectException(retry.size() + " documents still rejected after " + maxRetries
                        + " retries, first: record " + batch.get(retry.get(0)).coordinates());
                break;
            }
            if (!retry.isEmpty()) {
                log.debug("Retrying {} of {} documents rejected by the node (attempt {})", retry.size(),
                        actions.size(), attempt + 1);
            }
            pending = retry;
        }
        return new Outcome(acknowledged, failure);
    }

    /** One bulk call, retrying the whole request on transient errors. */
    private Map<String, Object> execute(List<BulkAction> actions) {
        byte[] body = BulkRequestBody.of(actions);
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                sleep(attempt);
            }
            try {
                return client.bulk(body);
            } catch (ResponseException e) {
                int status = e.getResponse().getStatusLine().getStatusCode();
                if (!(status == 429 || status >= 500) || attempt >= maxRetries) {
                    throw new ConnectException("Bulk request of " + actions.size() + " documents failed with HTTP "
                            + status + (attempt > 0 ? " after " + attempt + " retries" : ""), e);
                }
                log.debug("Bulk request answered HTTP {}, retrying (attempt {})", status, attempt + 1);
            } catch (IOException e) {
                if (attempt >= maxRetries) {
                    throw new ConnectException("Bulk request of " + actions.size() + " documents failed after "
                            + maxRetries + " retries: " + e, e);
                }
                log.debug("Bulk request failed ({}), retrying (attempt {})", e.toString(), attempt + 1);
            }
        }
    }

    /** Full jitter between half and all of {@code retry.backoff.ms * 2^(attempt-1)}. */
    private void sleep(int attempt) {
        long ceiling = backoffMs << Math.min(attempt - 1, 20);
        long delay = ceiling <= 1 ? ceiling : ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting to retry a bulk request", e);
        }
    }

    private static ConnectException first(ConnectException failure, String message) {
        return failure != null ? failure : new ConnectException(message);
    }
}
