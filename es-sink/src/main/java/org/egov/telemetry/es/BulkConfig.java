package org.egov.telemetry.es;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.egov.telemetry.core.ConfigFragment;

/** Config fragment: how records are batched into bulk requests, how many run at once, and how they are retried. */
public final class BulkConfig extends ConfigFragment {

    static final String BATCH_SIZE = "batch.size";
    static final String BULK_SIZE_BYTES = "bulk.size.bytes";
    static final String LINGER_MS = "linger.ms";
    static final String MAX_IN_FLIGHT_REQUESTS = "max.in.flight.requests";
    static final String MAX_BUFFERED_RECORDS = "max.buffered.records";
    static final String FLUSH_TIMEOUT_MS = "flush.timeout.ms";
    static final String MAX_RETRIES = "max.retries";
    static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";

    private static final String GROUP = "Connector";
    private static final int FIRST = 20;                  // after the connection keys in the same group

    BulkConfig(AbstractConfig config) {
        super(config);
    }

    static ConfigDef define(ConfigDef def) {
        int order = FIRST;
        return def
                .define(BATCH_SIZE, Type.INT, 2000, Range.between(1, 1_000_000), Importance.MEDIUM,
                        "Most records sent in one bulk request. A bulk request is sent as soon as this many records "
                                + "are buffered.",
                        GROUP, ++order, Width.SHORT, "Batch size")
                .define(BULK_SIZE_BYTES, Type.LONG, 5L * 1024 * 1024, Range.atLeast(1), Importance.LOW,
                        "Most bytes of documents in one bulk request: a batch is sent as soon as its documents add "
                                + "up to this many bytes, even when it has fewer than " + BATCH_SIZE + " records.",
                        GROUP, ++order, Width.SHORT, "Bulk size in bytes")
                .define(LINGER_MS, Type.LONG, 1L, Range.between(0, 7L * 24 * 60 * 60 * 1000), Importance.LOW,
                        "How long, in milliseconds, buffered records may wait for more records to fill a batch before "
                                + "the batch is sent anyway. Offsets are committed only for acknowledged documents.",
                        GROUP, ++order, Width.SHORT, "Linger time")
                .define(MAX_IN_FLIGHT_REQUESTS, Type.INT, 5, Range.between(1, 1000), Importance.MEDIUM,
                        "Most bulk requests a task has outstanding at once. Requests run on background threads; "
                                + "the task keeps buffering while they run.",
                        GROUP, ++order, Width.SHORT, "Max in-flight requests")
                .define(MAX_BUFFERED_RECORDS, Type.INT, 20000, Range.atLeast(1), Importance.LOW,
                        "High-water mark: when a task holds this many records not yet acknowledged (buffered or in "
                                + "flight), it pauses its partitions; it resumes them once it holds half as many.",
                        GROUP, ++order, Width.SHORT, "Max buffered records")
                .define(FLUSH_TIMEOUT_MS, Type.LONG, 180_000L, Range.atLeast(1), Importance.LOW,
                        "How long, in milliseconds, a stopping task waits for its outstanding bulk requests before "
                                + "it abandons them (their records are not committed, so they are written again "
                                + "later; document ids make that harmless). Offset commits never wait.",
                        GROUP, ++order, Width.SHORT, "Flush timeout")
                .define(MAX_RETRIES, Type.INT, 5, Range.atLeast(0), Importance.LOW,
                        "How many times a bulk request that failed as a whole for a transient reason (I/O error, node "
                                + "unreachable, HTTP 429 or 5xx) is retried before the task fails. Documents the node "
                                + "rejects one by one for lack of capacity (429, 503, rejected execution) are retried "
                                + "without limit and never fail the task; permanent errors are never retried.",
                        GROUP, ++order, Width.SHORT, "Max retries")
                .define(RETRY_BACKOFF_MS, Type.LONG, 100L, Range.atLeast(0), Importance.LOW,
                        "Milliseconds to wait before the first retry; each further retry waits up to twice as long "
                                + "as the one before (exponential backoff with jitter), up to " + RETRY_BACKOFF_MAX_MS
                                + ".",
                        GROUP, ++order, Width.SHORT, "Retry backoff")
                .define(RETRY_BACKOFF_MAX_MS, Type.LONG, 10_000L, Range.atLeast(0), Importance.LOW,
                        "Longest wait, in milliseconds, between two retries.",
                        GROUP, ++order, Width.SHORT, "Max retry backoff");
    }

    public int batchSize() {
        return config.getInt(BulkConfig.BATCH_SIZE);
    }

    public long bulkSizeBytes() {
        return config.getLong(BulkConfig.BULK_SIZE_BYTES);
    }

    public long lingerMs() {
        return config.getLong(BulkConfig.LINGER_MS);
    }

    public int maxInFlightRequests() {
        return config.getInt(BulkConfig.MAX_IN_FLIGHT_REQUESTS);
    }

    public int maxBufferedRecords() {
        return config.getInt(BulkConfig.MAX_BUFFERED_RECORDS);
    }

    public long flushTimeoutMs() {
        return config.getLong(BulkConfig.FLUSH_TIMEOUT_MS);
    }

    public int maxRetries() {
        return config.getInt(BulkConfig.MAX_RETRIES);
    }

    public long retryBackoffMs() {
        return config.getLong(BulkConfig.RETRY_BACKOFF_MS);
    }

    public long retryBackoffMaxMs() {
        return Math.max(config.getLong(BulkConfig.RETRY_BACKOFF_MAX_MS), retryBackoffMs());
    }

}
