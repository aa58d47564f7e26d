package org.egov.telemetry.launcher;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HangingTransactionsTest {

    private static final TopicPartition OFFSETS_21 = new TopicPartition("telemetry-connect-offsets", 21);
    /** What the offsets topic showed on the stack after a broker kill: an open transaction of producer 1. */
    private static final ProducerState OPEN = new ProducerState(1, 16985, 0, 1_796_434_262_394L, OptionalInt.of(52),
            OptionalLong.of(33_891));

    private static TransactionDescription coordinator(TransactionState state, Set<TopicPartition> partitions) {
        return new TransactionDescription(1, state, 1, 16985, 10_000, OptionalLong.empty(), partitions);
    }

    @Test
    void aTransactionItsCoordinatorHasFinishedIsHanging() {
        assertThat(HangingTransactions.whyHanging(OFFSETS_21, OPEN,
                Optional.of(coordinator(TransactionState.EMPTY, Set.of())))).hasValueSatisfying(why ->
                assertThat(why).containsIgnoringCase("empty"));
        assertThat(HangingTransactions.whyHanging(OFFSETS_21, OPEN,
                Optional.of(coordinator(TransactionState.COMPLETE_COMMIT, Set.of())))).isPresent();
    }

    @Test
    void aTransactionWithoutCoordinatorOrWithoutThisPartitionIsHanging() {
        assertThat(HangingTransactions.whyHanging(OFFSETS_21, OPEN, Optional.empty())).isPresent();
        assertThat(HangingTransactions.whyHanging(OFFSETS_21, OPEN, Optional.of(coordinator(TransactionState.ONGOING,
                Set.of(new TopicPartition("telemetry-connect-offsets", 3)))))).isPresent();
    }

    @Test
    void anOngoingTransactionThatIncludesThePartitionIsNot() {
        assertThat(HangingTransactions.whyHanging(OFFSETS_21, OPEN,
                Optional.of(coordinator(TransactionState.ONGOING, Set.of(OFFSETS_21))))).isEmpty();
    }

    /** What lost two acknowledged events in a fault-suite run: the coordinator had committed, the markers never came. */
    @Test
    void aTransactionWhoseCoordinatorMayHaveCommittedItIsNotToBeAborted() {
        assertThat(HangingTransactions.mayBeCommitted(Optional.of(coordinator(TransactionState.EMPTY, Set.of()))))
                .isTrue();
        assertThat(HangingTransactions.mayBeCommitted(Optional.of(coordinator(TransactionState.COMPLETE_COMMIT,
                Set.of())))).isTrue();
        assertThat(HangingTransactions.mayBeCommitted(Optional.empty())).isTrue();
    }

    @Test
    void aTransactionItsCoordinatorAbortedOrThatAnOngoingOneDoesNotIncludeMayBeAborted() {
        assertThat(HangingTransactions.mayBeCommitted(Optional.of(coordinator(TransactionState.COMPLETE_ABORT,
                Set.of())))).isFalse();
        assertThat(HangingTransactions.mayBeCommitted(Optional.of(coordinator(TransactionState.ONGOING,
                Set.of(new TopicPartition("telemetry-connect-offsets", 3)))))).isFalse();
    }
}
