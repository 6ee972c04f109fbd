package dev.emostream.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
    private final ApiTokens tokens = ApiTokens.of(List.of("first-token-0123456789", " second-token-0123456789 ", ""));

    @Test
    void aBearerHeaderOrTheCookieWithAConfiguredTokenIsAllowedAndNothingElse() {
        assertThat(tokens.allows(headers("Authorization", "Bearer first-token-0123456789"))).isTrue();
        assertThat(tokens.allows(headers("Authorization", "bearer second-token-0123456789"))).isTrue();
        assertThat(tokens.allows(headers("Cookie", "theme=dark; emostream_token=second-token-0123456789"))).isTrue();
        assertThat(tokens.allows(headers("Authorization", "Bearer first-token-012345678"))).isFalse();
        assertThat(tokens.allows(headers("Authorization", "Basic Zmlyc3QtdG9rZW4="))).isFalse();
        assertThat(tokens.allows(headers("Cookie", "emostream_token="))).isFalse();
        assertThat(tokens.allows(new Headers())).isFalse();
    }

    @Test
    void shortOrNoTokensAreRefusedAndGeneratedOnesAreLongAndDistinct() {
        assertThatThrownBy(() -> ApiTokens.of(List.of("short"))).hasMessageContaining("at least 16");
        assertThatThrownBy(() -> ApiTokens.of(List.of(" "))).hasMessageContaining("no API token");
        String a = ApiTokens.generate();
        assertThat(a).hasSize(43).isNotEqualTo(ApiTokens.generate());
        assertThat(ApiTokens.of(List.of(a)).matches(a)).isTrue();
        assertThat(ApiTokens.cookie(a)).contains("HttpOnly").contains("SameSite=Strict");
    }

    private static Headers headers(String name, String value) {
        Headers h = new Headers();
        h.add(name, value);
        return h;
    }
}
