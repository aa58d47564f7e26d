package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.RetriableException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An {@link ObjectStore} in a map, which can be told to fail the next uploads. */
final class InMemoryObjectStore implements ObjectStore {

    final Map<String, byte[]> objects = new TreeMap<>();
    final List<String> putKeys = new ArrayList<>();
    int failuresToInject;
    boolean closed;

    @Override
    public void put(String key, byte[] content, String contentType) {
        if (failuresToInject > 0) {
            failuresToInject--;
            throw new RetriableException("injected failure for " + key);
        }
        objects.put(key, content.clone());
        putKeys.add(key);
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
