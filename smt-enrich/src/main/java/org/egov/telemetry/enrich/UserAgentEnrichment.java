package org.egov.telemetry.enrich;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.header.Headers;
import org.egov.telemetry.core.FieldPath;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Browser, operating system and device type from the user agent: the event's own field (DIGIT's
 * {@code edata.userAgent}) or else the record header the HTTP edge set from the request's User-Agent.
 */
final class UserAgentEnrichment implements Enrichment {

    private final FieldPath field;
    private final String header;
    private final FieldPath target;
    private final UserAgents userAgents;

    UserAgentEnrichment(String field, String header, String target, UserAgents userAgents) {
        this.field = field.isBlank() ? null : FieldPath.of(field);
        this.header = header.isBlank() ? null : header;
        this.target = FieldPath.of(target);
        this.userAgents = userAgents;
    }

    @Override
    public String name() {
        return "useragent";
    }

    @Override
    public Outcome enrich(EventCopy event, Headers headers) {
        String userAgent = field == null ? null : field.readText(event.view());
        if (userAgent == null) {
            userAgent = fromHeader(headers);
        }
        if (userAgent == null) {
            return Outcome.MISSING_INPUT;
        }
        Map<String, Object> device = userAgents.describe(userAgent);
        if (device.isEmpty()) {
            return Outcome.UNUSABLE;
        }
        return event.merge(target, device) ? Outcome.ENRICHED : Outcome.UNUSABLE;
    }

    private String fromHeader(Headers headers) {
        if (header == null || headers == null) {
            return null;
        }
        Header last = headers.lastWithName(header);
        if (last == null || last.value() == null) {
            return null;
        }
        Object value = last.value();
        String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
        return text.isBlank() ? null : text;
    }
}
