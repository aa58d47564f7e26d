package org.egov.telemetry.unbundle;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InputPartitionWatchTest {

    @Test
    void reportsGrowthOnceAndKeepsTheListOnFailuresAndShrinks() {
        AtomicInteger changes = new AtomicInteger();
        Deque<Object> answers = new ArrayDeque<>(List.of(List.of(0), new IllegalStateException("broker away"),
                List.of(0, 1, 2), List.of(0, 1, 2), List.of(0)));
        Callable<List<Integer>> describe = () -> {
            Object next = answers.poll();
            if (next instanceof RuntimeException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            List<Integer> partitions = (List<Integer>) next;
            return partitions;
        };
        try (InputPartitionWatch watch = new InputPartitionWatch("c", "t", List.of(0), describe,
                changes::incrementAndGet, 0)) {
            watch.look();                                   // unchanged
            watch.look();                                   // failed: keeps [0]
            assertThat(watch.partitions()).containsExactly(0);
            assertThat(changes).hasValue(0);
            watch.look();                                   // grown
            assertThat(watch.partitions()).containsExactly(0, 1, 2);
            assertThat(changes).hasValue(1);
            watch.look();                                   // unchanged again
            watch.look();                                   // not a superset (topic made again): ignored
            assertThat(watch.partitions()).containsExactly(0, 1, 2);
            assertThat(changes).hasValue(1);
        }
    }

    @Test
    void looksByItselfAtTheInterval() {
        AtomicInteger changes = new AtomicInteger();
        try (InputPartitionWatch watch = new InputPartitionWatch("c", "t", List.of(0, 1),
                () -> List.of(0, 1, 2, 3), changes::incrementAndGet, 20)) {
            await().untilAsserted(() -> assertThat(watch.partitions()).containsExactly(0, 1, 2, 3));
            assertThat(changes).hasValue(1);
        }
    }
}
