package org.egov.telemetry.core;

/**
 * Field names of the Sunbird v3 / DIGIT telemetry envelope (a batch) and of its events.
 * Every plugin reads names from here so that one spelling exists in the code base.
 */
public final class TelemetryFields {

    // envelope (batch)
    public static final String ID = "id";
    public static final String VER = "ver";
    public static final String PARAMS = "params";
    public static final String MSGID = "msgid";
    public static final String ETS = "ets";
    public static final String EVENTS = "events";
    public static final String MID = "mid";
    public static final String SYNCTS = "syncts";
    public static final String DID = "did";
    public static final String CHANNEL = "channel";
    public static final String PID = "pid";
    /** The User-Agent of the request that brought the batch, as the edge stamps it. */
    public static final String USERAGENT = "useragent";

    // events
    public static final String EID = "eid";
    public static final String CONTEXT = "context";
    public static final String EDATA = "edata";
    public static final String TIMESTAMP = "@timestamp";

    private TelemetryFields() {
    }
}
