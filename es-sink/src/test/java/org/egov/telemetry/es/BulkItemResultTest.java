package org.egov.telemetry.es;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BulkItemResultTest {

    private static List<BulkItemResult> read(String response, int expected) throws IOException {
        return BulkItemResult.read(new ByteArrayInputStream(response.getBytes(StandardCharsets.UTF_8)), expected);
    }

    @Test
    void readsEachItemsStatusAndErrorInRequestOrder() throws IOException {
        String response = "{\"took\":3,\"errors\":true,\"items\":["
                + "{\"index\":{\"_id\":\"a\",\"status\":201,\"_shards\":{\"total\":1}}},"
                + "{\"create\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\","
                + "\"reason\":\"queue full\",\"caused_by\":{\"type\":\"x\"}}}},"
                + "{\"update\":{\"status\":400,\"error\":{\"reason\":\"no type\"}}},"
                + "{\"delete\":{\"status\":500,\"error\":\"plain text\"}}]}";

        assertThat(read(response, 4)).containsExactly(
                new BulkItemResult(201, null, null),
                new BulkItemResult(429, "es_rejected_execution_exception", "queue full"),
                new BulkItemResult(400, "unknown", "no type"),
                new BulkItemResult(500, "unknown", "plain text"));
    }

    @Test
    void anItemWithoutOneActionReadsAsStatusZero() throws IOException {
        assertThat(read("{\"items\":[{},{\"index\":{\"status\":201},\"x\":{}},7]}", 3))
                .containsOnly(new BulkItemResult(0, null, null));
    }

    @Test
    void aResponseWithTheWrongNumberOfItemsOrNoneFails() {
        assertThatThrownBy(() -> read("{\"items\":[{\"index\":{\"status\":201}}]}", 2))
                .isInstanceOf(ConnectException.class).hasMessageContaining("1 items for 2 actions");
        assertThatThrownBy(() -> read("{\"took\":1}", 1))
                .isInstanceOf(ConnectException.class).hasMessageContaining("no items for 1 actions");
    }

    @Test
    void aResponseThatIsNotAJsonObjectIsAnIoError() {
        assertThatThrownBy(() -> read("<html>bad gateway</html>", 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("[]", 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"items\":[{\"index\":", 1)).isInstanceOf(IOException.class);
    }
}
