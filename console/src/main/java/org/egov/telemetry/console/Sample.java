package org.egov.telemetry.console;

import java.util.Map;

/**
 * What one look at the cluster found.
 *
 * @param atMs      when (epoch ms)
 * @param positions stage id → its position: offsets written (a topic) or committed (a reader), summed over
 *                  partitions
 * @param lags      stage id → offsets of its input not yet committed, for readers
 * @param partitions stage id → partitions of its topic
 */
record Sample(long atMs, Map<String, Long> positions, Map<String, Long> lags, Map<String, Integer> partitions) {
}
