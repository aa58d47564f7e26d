package org.egov.telemetry.enrich;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.egov.telemetry.core.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A table read once from a JSON or CSV file. */
final class FileTable implements LookupTable {

    private static final CsvMapper CSV = new CsvMapper();

    private final Map<String, Map<String, Object>> entries;

    private FileTable(Map<String, Map<String, Object>> entries) {
        this.entries = entries;
    }

    static FileTable load(LookupConfig config) {
        Path file = Path.of(config.file());
        try {
            Map<String, Map<String, Object>> entries = config.fileFormat() == LookupConfig.FileFormat.CSV
                    ? readCsv(file, config.fileKeyColumn(), config) : readJson(file, config);
            if (entries.size() > config.maxEntries()) {
                throw config.invalid(LookupConfig.MAX_ENTRIES, config.maxEntries(),
                        file + " holds " + entries.size() + " keys, more than the bound");
            }
            return new FileTable(entries);
        } catch (IOException e) {
            throw config.invalid(LookupConfig.FILE, config.file(),
                    "cannot read the table: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> readJson(Path file, LookupConfig config) throws IOException {
        Map<String, Object> json;
        try (InputStream in = Files.newInputStream(file)) {
            json = Json.parseObject(in);
        }
        Map<String, Map<String, Object>> entries = new HashMap<>();
        for (Map.Entry<String, Object> entry : json.entrySet()) {
            if (!(entry.getValue() instanceof Map<?, ?> value)) {
                throw config.invalid(LookupConfig.FILE, config.file(),
                        "the value of key '" + entry.getKey() + "' is not a JSON object");
            }
            entries.put(entry.getKey(), Collections.unmodifiableMap((Map<String, Object>) value));
        }
        return entries;
    }

    private static Map<String, Map<String, Object>> readCsv(Path file, String keyColumn, LookupConfig config)
            throws IOException {
        Map<String, Map<String, Object>> entries = new HashMap<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (InputStream in = Files.newInputStream(file);
             MappingIterator<Map<String, String>> rows = CSV.readerFor(Map.class).with(schema).readValues(in)) {
            String column = keyColumn;
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                if (column.isEmpty()) {
                    column = row.keySet().iterator().next();
                }
                String key = row.get(column);
                if (key == null) {
                    throw config.invalid(LookupConfig.FILE_KEY_COLUMN, keyColumn,
                            "no such column in " + file);
                }
                if (!key.isBlank()) {
                    entries.put(key, Collections.unmodifiableMap(new LinkedHashMap<>(row)));
                }
            }
        }
        return entries;
    }

    @Override
    public Map<String, Object> get(String key) {
        return entries.get(key);
    }

    @Override
    public long size() {
        return entries.size();
    }
}
