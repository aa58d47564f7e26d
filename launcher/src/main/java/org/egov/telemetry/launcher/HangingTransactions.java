package org.egov.telemetry.launcher;

import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Transactions a partition still holds open although their coordinator no longer does: "hanging" ones. A broker
 * killed while producers were in a transaction can leave one behind (seen on the local stack after kill -9 of the
 * broker, with transaction.version 2). Every read_committed reader of that partition then stops at it for good;
 * the worker reads its offsets topic that way before it starts a source connector, so those connectors stay
 * UNASSIGNED. This finds them as {@code kafka-transactions.sh find-hanging} does and aborts them as
 * {@code kafka-transactions.sh abort} does, but only those their coordinator did not commit: an abort drops the
 * records, and a committed transaction's producer was told they are stored ({@link #mayBeCommitted}).
 */
final class HangingTransactions implements AutoCloseable {

    /** Open longer than this, a transaction is not a live one: the stack's producers time theirs out after 10 s. */
    static final Duration OPEN_LONGER_THAN = Duration.ofSeconds(30);
    private static final long TIMEOUT_S = 15;

    /**
     * A transaction a partition holds open. {@code mayBeCommitted}: its coordinator may have committed it (it has
     * no ongoing transaction of that producer, and does not say it aborted one), so aborting it could drop
     * records whose producer was told they are stored.
     */
    record Hanging(TopicPartition partition, ProducerState producer, String why, boolean mayBeCommitted) {
        @Override
        public String toString() {
            return partition + " producer " + producer.producerId() + " epoch " + producer.producerEpoch()
                    + " from offset " + producer.currentTransactionStartOffset().orElse(-1) + " (" + why + ")";
        }
    }

    private final Admin admin;

    HangingTransactions(String bootstrap) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "telemetry-stack-transactions");
        this.admin = Admin.create(props);
    }

    /** The hanging transactions of every topic but Kafka's own. */
    List<Hanging> find() throws Exception {
        Set<String> topics = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).values()) {
            d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
        }
        long now = System.currentTimeMillis();
        Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
        admin.describeProducers(partitions).all().get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, state) ->
                state.activeProducers().stream()
                        .filter(p -> p.currentTransactionStartOffset().isPresent())
                        .filter(p -> now - p.lastTimestamp() > OPEN_LONGER_THAN.toMillis())
                        .forEach(p -> open.computeIfAbsent(tp, t -> new ArrayList<>()).add(p)));
        if (open.isEmpty()) {
            return List.of();
        }
        Set<Long> producerIds = new java.util.HashSet<>();
        open.values().forEach(states -> states.forEach(p -> producerIds.add(p.producerId())));
        Map<Long, String> transactionalIds = new HashMap<>();
        for (TransactionListing listing : admin.listTransactions(new ListTransactionsOptions()
                .filterProducerIds(producerIds)).all().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            transactionalIds.put(listing.producerId(), listing.transactionalId());
        }
        Map<String, TransactionDescription> descriptions = transactionalIds.isEmpty() ? Map.of()
                : admin.describeTransactions(transactionalIds.values()).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<Hanging> hanging = new ArrayList<>();
        open.forEach((tp, states) -> states.forEach(p -> {
            String id = transactionalIds.get(p.producerId());
            Optional<TransactionDescription> coordinator = Optional.ofNullable(id == null ? null : descriptions.get(id));
            whyHanging(tp, p, coordinator)
                    .ifPresent(why -> hanging.add(new Hanging(tp, p, why, mayBeCommitted(coordinator))));
        }));
        return hanging;
    }

    /**
     * Why a transaction a partition holds open is not one its coordinator knows, or empty when it is: the
     * coordinator has no such producer, has moved on from it, or holds no transaction on that partition.
     */
    static Optional<String> whyHanging(TopicPartition tp, ProducerState partitionSide,
                                       Optional<TransactionDescription> coordinatorSide) {
        if (coordinatorSide.isEmpty()) {
            return Optional.of("its coordinator has no transaction of producer " + partitionSide.producerId());
        }
        TransactionDescription coordinator = coordinatorSide.get();
        if (coordinator.state() != TransactionState.ONGOING) {
            return Optional.of("its coordinator has it " + coordinator.state());
        }
        if (!coordinator.topicPartitions().contains(tp)) {
            return Optional.of("its coordinator's ongoing transaction does not include " + tp);
        }
        return Optional.empty();
    }

    /**
     * Whether the coordinator's side leaves open that the transaction was committed. After a {@code kill -9} of a
     * single combined broker, its coordinator can finish committing a transaction without writing the COMMIT
     * markers ("Couldn't find leader endpoint for partitions ... likely deleted already and hence can be skipped"
     * in the broker's log) and then show the producer as EMPTY: the partitions hold the records open, and the
     * producer was told they are stored. Only a coordinator that aborted (PREPARE_ABORT, COMPLETE_ABORT), or whose
     * ongoing transaction does not include the partition (a late write after the transaction ended), rules that
     * out.
     */
    static boolean mayBeCommitted(Optional<TransactionDescription> coordinatorSide) {
        if (coordinatorSide.isEmpty()) {
            return true;
        }
        TransactionState state = coordinatorSide.get().state();
        return state != TransactionState.PREPARE_ABORT && state != TransactionState.COMPLETE_ABORT
                && state != TransactionState.ONGOING;
    }

    void abort(Hanging h) throws Exception {
        admin.abortTransaction(new AbortTransactionSpec(h.partition(), h.producer().producerId(),
                (short) h.producer().producerEpoch(), h.producer().coordinatorEpoch().orElse(-1)))
                .all().get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
