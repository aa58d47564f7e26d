package org.egov.telemetry.s3;

/**
 * Names objects: {@code <topics.dir>/<topic>/<folder>/<originalTopic>+<partition>+<zero-padded startOffset><ext>}.
 * The folder follows the record's topic (which an SMT may have renamed); the file name keeps the original
 * topic and partition, so that names never collide and depend only on their inputs: rewriting the same offset
 * range replaces the object.
 */
final class ObjectKeys {

    private final String prefix;
    private final int offsetPadWidth;
    private final String extension;

    ObjectKeys(String topicsDir, int offsetPadWidth, CompressionType compression) {
        this.prefix = topicsDir.isEmpty() ? "" : topicsDir + "/";
        this.offsetPadWidth = offsetPadWidth;
        this.extension = compression.extension();
    }

    String key(String topic, String folder, String originalTopic, int partition, long startOffset) {
        return prefix + topic + "/" + folder + "/" + originalTopic + "+" + partition + "+" + pad(startOffset) + extension;
    }

    private String pad(long offset) {
        String digits = Long.toString(offset);
        if (digits.length() >= offsetPadWidth) {
            return digits;
        }
        return "0".repeat(offsetPadWidth - digits.length()) + digits;
    }
}
