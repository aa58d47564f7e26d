package org.egov.telemetry.s3;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;

import java.util.Map;
import java.util.Optional;

/** Where finished objects go. Writing a key again replaces the object. */
interface ObjectStore extends AutoCloseable {

    /**
     * Writes the whole object with user metadata.
     *
     * @throws RetriableException when trying again later may succeed
     * @throws ConnectException when it will not (e.g. access denied, no such bucket)
     */
    void put(String key, ChunkedBuffer content, String contentType, Map<String, String> metadata);

    /** The user metadata of an existing object, or empty when there is no such object. */
    Optional<Map<String, String>> metadata(String key);

    /** A readable location of a key for logs, e.g. {@code s3://bucket/key}. */
    String location(String key);

    @Override
    void close();
}
