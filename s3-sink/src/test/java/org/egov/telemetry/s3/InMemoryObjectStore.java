package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.RetriableException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An {@link ObjectStore} in a map, which can be told to fail the next requests. */
final class InMemoryObjectStore implements ObjectStore {

    final Map<String, byte[]> objects = new TreeMap<>();
    final Map<String, Map<String, String>> metadata = new HashMap<>();
    final List<String> putKeys = new ArrayList<>();
    /** How many of the next uploads fail. */
    int failuresToInject;
    /** How many of the next metadata look-ups fail. */
    int lookupFailuresToInject;
    /** How long each upload takes. */
    long putDelayMs;
    boolean closed;

    @Override
    public void put(String key, ChunkedBuffer content, String contentType, Map<String, String> userMetadata) {
        failIfAsked(key);
        if (putDelayMs > 0) {
            try {
                Thread.sleep(putDelayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while uploading " + key, e);
            }
        }
        objects.put(key, content.toByteArray());
        metadata.put(key, Map.copyOf(userMetadata));
        putKeys.add(key);
    }

    @Override
    public Optional<Map<String, String>> metadata(String key) {
        if (lookupFailuresToInject > 0) {
            lookupFailuresToInject--;
            throw new RetriableException("injected failure for " + key);
        }
        return Optional.ofNullable(metadata.get(key));
    }

    private void failIfAsked(String key) {
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new RetriableException("injected failure for " + key);
        }
    }

    void clear() {
        objects.clear();
        metadata.clear();
        putKeys.clear();
    }

    @Override
    public String location(String key) {
        return "memory://" + key;
    }

    @Override
    public void close() {
        closed = true;
    }
}
