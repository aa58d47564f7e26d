package org.egov.telemetry.it.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
        List<Long> successes = new ArrayList<>();
        int failed = 0;
        int lostIndex = 0;
        int lostArchive = 0;
        int duplicates = 0;
        for (SteadyClients.Answer a : in) {
            if (!a.acknowledged()) {
                failed++;
                continue;
            }
            successes.add(a.atMillis());
            lostIndex += indexed.contains(a.mid()) ? 0 : 1;
            int copies = archived.getOrDefault(a.mid(), 0);
            lostArchive += copies == 0 ? 1 : 0;
            duplicates += Math.max(0, copies - 1);
        }
        successes.sort(Long::compare);
        long worst = 0;
        long previous = from;
        for (long at : successes) {
            worst = Math.max(worst, at - previous);
            previous = at;
        }
        worst = Math.max(worst, to - previous);
        int overlaps = (int) overlapping.stream()
                .filter(o -> o.writtenAtMillis() >= from && o.writtenAtMillis() < to).count();
        return new FaultReport(fault, from, to, in.size(), failed, worst / 1000.0, successes.size(), lostIndex,
                lostArchive, duplicates, overlaps);
    }

    String line() {
        return String.format(Locale.ROOT, "%-30s %8d %7d %10.1f %6d %11d %13d %11d %11d", fault, answers, failed,
                worstOutageSeconds, acknowledged, lostFromIndex, lostFromArchive, duplicateArchiveLines,
                overlappingObjects);
    }
}
