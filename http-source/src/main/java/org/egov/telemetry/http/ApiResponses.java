package org.egov.telemetry.http;

import org.egov.telemetry.core.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Response bodies in the shape Sunbird's telemetry API uses, so existing clients understand them. */
final class ApiResponses {

    private static final String API_ID = "api.telemetry";
    private static final String API_VERSION = "1.0";

    private ApiResponses() {
    }

    static byte[] success(String msgid) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("resmsgid", UUID.randomUUID().toString());
        params.put("msgid", msgid);
        params.put("status", "successful");
        return body(params, "SUCCESS");
    }

    /**
     * @param status HTTP status, decides whether the client (4xx) or the server (5xx) is at fault
     * @param err    a stable machine-readable code, e.g. {@code INVALID_JSON}
     */
    static byte[] error(int status, String err, String errmsg) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("resmsgid", UUID.randomUUID().toString());
        params.put("msgid", null);
        params.put("status", "failed");
        params.put("err", err);
        params.put("errmsg", errmsg);
        return body(params, status >= 500 ? "SERVER_ERROR" : "CLIENT_ERROR");
    }

    static byte[] health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "api.health");
        body.put("ver", API_VERSION);
        body.put("ets", System.currentTimeMillis());
        body.put("params", Map.of("status", "successful"));
        body.put("responseCode", "OK");
        body.put("result", Map.of("healthy", true));
        return Json.toBytes(body);
    }

    private static byte[] body(Map<String, Object> params, String responseCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", API_ID);
        body.put("ver", API_VERSION);
        body.put("ets", System.currentTimeMillis());
        body.put("params", params);
        body.put("responseCode", responseCode);
        return Json.toBytes(body);
    }
}
