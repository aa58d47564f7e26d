package org.egov.telemetry.console;

import java.util.Map;

/**
 * A connector's state as Connect's status topic has it, without its configuration or traces.
 *
 * @param tasks task id → state
 * @param workers task id → the worker running it
 */
record ConnectorStatus(String name, String type, String state, String worker, Map<Integer, String> tasks,
                       Map<Integer, String> workers) {
}
