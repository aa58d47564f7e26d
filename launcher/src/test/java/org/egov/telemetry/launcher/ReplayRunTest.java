package org.egov.telemetry.launcher;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayRunTest {

    private static final TopicPartition P0 = new TopicPartition("replay", 0);
    private static final TopicPartition P1 = new TopicPartition("replay", 1);

    @Test
    void aReaderAtRestBeforeTheLastMarkerOfEachPartitionIsCaughtUp() {
        assertThat(ReplayRun.beyondMarkers(Map.of(P0, 1L, P1, 1L))).isZero();
        assertThat(ReplayRun.beyondMarkers(Map.of(P0, 0L, P1, 1L))).isZero();
    }

    @Test
    void anEmptyPartitionDoesNotHideARecordWaitingOnAnother() {
        // P0 has no data (lag 0); P1 has a record and its marker to go
        assertThat(ReplayRun.beyondMarkers(Map.of(P0, 0L, P1, 2L))).isEqualTo(1);
    }

    /** What a worker answered the replay command right after the fault suite's restarts. */
    @Test
    void aRebalancingOrRestartingWorkerIsWaitedFor() {
        assertThat(new ConnectRest.RestException(500, "GET /connectors/telemetry-replay-source/config -> 500: Request "
                + "cannot be completed because a rebalance is expected").passing()).isTrue();
        assertThat(new ConnectRest.RestException(409, "rebalance in progress").passing()).isTrue();
        assertThat(new ConnectRest.RestException(-1, "http://127.0.0.1:8083 does not answer").passing()).isTrue();
        assertThat(new ConnectRest.RestException(404, "HTTP 404 Not Found").passing()).isTrue();
        assertThat(new ConnectRest.RestException(400, "Connector configuration is invalid").passing()).isFalse();
        assertThat(new ConnectRest.RestException(422, "Unknown connector class").passing()).isFalse();
    }

    @Test
    void passingAnswersAreAskedAgainUntilTheCallsGoThrough() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> heard = new ArrayList<>();
        ConnectRest.whileSettling(System.currentTimeMillis() + 30_000, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new ConnectRest.RestException(409, "rebalance in progress");
            }
        }, e -> heard.add(e.status));
        assertThat(calls).hasValue(3);
        assertThat(heard).containsExactly(409, 409);
    }

    @Test
    void anAnswerNotPassingEndsAtOnceAndAPassingOneAtTheDeadline() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ConnectRest.whileSettling(System.currentTimeMillis() + 30_000, () -> {
            calls.incrementAndGet();
            throw new ConnectRest.RestException(400, "Connector configuration is invalid");
        }, e -> { })).hasMessage("Connector configuration is invalid");
        assertThat(calls).hasValue(1);

        assertThatThrownBy(() -> ConnectRest.whileSettling(System.currentTimeMillis() - 1, () -> {
            throw new ConnectRest.RestException(409, "rebalance in progress");
        }, e -> { })).hasMessage("rebalance in progress");
    }
}
