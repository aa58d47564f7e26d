package org.egov.telemetry.console;

/**
 * One step of the pipeline as the console shows it, in topic-chain order.
 *
 * @param id        stable name, used in the JSON, the page and the Prometheus labels
 * @param label     what the page calls it
 * @param unit      what one offset of its topic is: a batch, an event, or a record of either
 * @param kind      where its position comes from
 * @param topic     the topic it writes (for {@link Kind#TOPIC}) or reads (for the others)
 * @param connector the connector doing the work, or null for a topic
 * @param group     the consumer group of a sink, or null
 */
record Stage(String id, String label, String unit, Kind kind, String topic, String connector, String group) {

    enum Kind {
        /** Position: the topic's end offsets. */
        TOPIC,
        /** Position: the offsets a source connector committed on the topic it reads. Lag: topic end minus that. */
        SOURCE_READER,
        /** Position: the offsets a sink's consumer group committed on its topic. Lag: topic end minus that. */
        SINK
    }

    boolean hasLag() {
        return kind != Kind.TOPIC;
    }
}
