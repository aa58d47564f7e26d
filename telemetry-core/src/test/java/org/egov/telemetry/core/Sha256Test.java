package org.egov.telemetry.core;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {

    @Test
    void matchesTheKnownDigestsInEveryForm() {
        String abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        assertThat(Sha256.hex("abc")).isEqualTo(abc);
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(abc);
        assertThat(HexFormat.of().formatHex(Sha256.of("abc"))).isEqualTo(abc);
        var parts = Sha256.digest();
        parts.update("a".getBytes(StandardCharsets.US_ASCII));
        parts.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(parts.digest())).isEqualTo(abc);
        assertThat(Sha256.hex("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
