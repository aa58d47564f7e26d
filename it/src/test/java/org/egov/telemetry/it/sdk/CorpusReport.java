package org.egov.telemetry.it.sdk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The client corpus's counts under one profile, per client and eid: sent, indexed and failed with the reasons. */
final class CorpusReport {

    /** One event as a client sent it. */
    record Sent(String client, String eid, String mid) {
    }

    private CorpusReport() {
    }

    /**
     * @param indexed mids found in the index
     * @param failed  the failure reason of each mid found on the failed topic
     */
    static String of(String profile, String index, String failedTopic, List<Sent> sent, Set<String> indexed,
                     Map<String, String> failed) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nClient corpus under profile %s (index %s, failed topic %s)%n", profile, index,
                failedTopic));
        out.append(String.format("%-12s %-11s %5s %8s %7s  %s%n", "client", "eid", "sent", "indexed", "failed",
                "reasons"));
        Map<String, List<Sent>> groups = sent.stream().collect(Collectors.groupingBy(
                event -> event.client() + " " + event.eid(), TreeMap::new, Collectors.toList()));
        long totalIndexed = 0;
        long totalFailed = 0;
        for (List<Sent> group : groups.values()) {
            long in = group.stream().filter(event -> indexed.contains(event.mid())).count();
            List<String> reasons = group.stream().map(event -> failed.get(event.mid())).filter(r -> r != null).toList();
            Map<String, Long> byReason = reasons.stream().collect(Collectors.groupingBy(r -> r, TreeMap::new,
                    Collectors.counting()));
            totalIndexed += in;
            totalFailed += reasons.size();
            out.append(String.format("%-12s %-11s %5d %8d %7d  %s%n", group.get(0).client(), group.get(0).eid(),
                    group.size(), in, reasons.size(), byReason.isEmpty() ? "" : byReason));
        }
        out.append(String.format("%-24s %5d %8d %7d%n", "total", sent.size(), totalIndexed, totalFailed));
        return out.toString();
    }
}
