package io.smsfoundation.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

  private final ApiKeys keys =
      new ApiKeys(List.of("first-key-0123456789", "second-key-0123456789"));

  @Test
  void each_configured_key_is_recognised_with_its_position() {
    assertThat(keys.authenticate("Bearer first-key-0123456789")).contains("key-1");
    assertThat(keys.authenticate("bearer second-key-0123456789")).contains("key-2");
  }

  @Test
  void missing_malformed_and_unknown_keys_are_refused() {
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("first-key-0123456789")).isEmpty();
    assertThat(keys.authenticate("Basic Zmlyc3Qta2V5")).isEmpty();
    assertThat(keys.authenticate("Bearer ")).isEmpty();
    assertThat(keys.authenticate("Bearer first-key-012345678")).isEmpty();
  }
}
