package org.egov.telemetry.it.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** One fault's window of the suite and what the clients and the audit saw in it. */
record FaultReport(String fault, long fromMillis, long toMillis, int answers, int failed, double worstOutageSeconds,
                   int acknowledged, int lostFromIndex, int lostFromArchive, int duplicateArchiveLines,
                   int overlappingObjects) {

    static final String HEADER = String.format(Locale.ROOT, "%-30s %8s %7s %10s %6s %11s %13s %11s %11s",
            "fault", "answers", "failed", "outage s", "acked", "lost index", "lost archive", "dup lines",
            "overlaps");

    /** What happened between {@code from} and {@code to}, from every answer and the audit of the whole run. */
    static FaultReport of(String fault, long from, long to, List<SteadyClients.Answer> all, Set<String> indexed,
                          Map<String, Integer> archived, List<PipelineAudit.ArchiveObject> overlapping) {
        List<SteadyClients.Answer> in = all.stream().filter(a -> a.atMillis() >= from && a.atMillis() < to).toList();
        Map<Integer, List<Long>> successes = new TreeMap<>();
        int failed = 0;
        int lostIndex = 0;
        int lostArchive = 0;
        int duplicates = 0;
        for (SteadyClients.Answer a : in) {
            if (!a.acknowledged()) {
                failed++;
                continue;
            }
            successes.computeIfAbsent(a.client(), c -> new ArrayList<>()).add(a.atMillis());
            lostIndex += indexed.contains(a.mid()) ? 0 : 1;
            int copies = archived.getOrDefault(a.mid(), 0);
            lostArchive += copies == 0 ? 1 : 0;
            duplicates += Math.max(0, copies - 1);
        }
        long worst = successes.isEmpty() ? to - from : 0;
        for (List<Long> client : successes.values()) {
            client.sort(Long::compare);
            long previous = from;
            for (long at : client) {
                worst = Math.max(worst, at - previous);
                previous = at;
            }
            worst = Math.max(worst, to - previous);
        }
        int overlaps = (int) overlapping.stream()
                .filter(o -> o.writtenAtMillis() >= from && o.writtenAtMillis() < to).count();
        int acknowledged = successes.values().stream().mapToInt(List::size).sum();
        return new FaultReport(fault, from, to, in.size(), failed, worst / 1000.0, acknowledged, lostIndex,
                lostArchive, duplicates, overlaps);
    }

    String line() {
        return String.format(Locale.ROOT, "%-30s %8d %7d %10.1f %6d %11d %13d %11d %11d", fault, answers, failed,
                worstOutageSeconds, acknowledged, lostFromIndex, lostFromArchive, duplicateArchiveLines,
                overlappingObjects);
    }
}
