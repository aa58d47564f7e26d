package org.egov.telemetry.replay;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The key prefixes a replay reads: one per day folder of a range (distinct, in day order), or one explicit prefix. */
public final class ArchiveRange {

    private static final LocalDate PROBE_DAY = LocalDate.of(2001, 2, 3);

    private final List<String> prefixes;
    private final String description;

    private ArchiveRange(List<String> prefixes, String description) {
        this.prefixes = List.copyOf(prefixes);
        this.description = description;
    }

    static ArchiveRange ofPrefix(String prefix) {
        return new ArchiveRange(List.of(prefix), "objects under " + prefix);
    }

    /**
     * @param base   {@code <topics.dir>/<topic>/}
     * @param format the sink's path format, with its time zone
     */
    static ArchiveRange ofDays(String base, DateTimeFormatter format, LocalDate from, LocalDate to) {
        int depth = dayFolderDepth(format);
        Set<String> prefixes = new LinkedHashSet<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            String[] folders = format.format(start(day, format.getZone())).split("/");
            prefixes.add(base + String.join("/", List.of(folders).subList(0, depth)) + "/");
        }
        return new ArchiveRange(new ArrayList<>(prefixes), "days " + from + " to " + to + " under " + base);
    }

    /**
     * How many leading folders of the path format hold a whole day: they read the same at the first and the last
     * instant of a day. 0 when even the first folder changes within a day (an hourly first folder).
     */
    static int dayFolderDepth(DateTimeFormatter format) {
        ZoneId zone = format.getZone() == null ? ZoneId.of("UTC") : format.getZone();
        String[] first = format.withZone(zone).format(start(PROBE_DAY, zone)).split("/");
        String[] last = format.withZone(zone).format(start(PROBE_DAY.plusDays(1), zone).minusNanos(1)).split("/");
        int depth = 0;
        while (depth < first.length && depth < last.length && first[depth].equals(last[depth])) {
            depth++;
        }
        return depth;
    }

    private static ZonedDateTime start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone == null ? ZoneId.of("UTC") : zone);
    }

    public List<String> prefixes() {
        return prefixes;
    }

    @Override
    public String toString() {
        return description;
    }
}
