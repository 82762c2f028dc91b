package io.smsfoundation.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsTest {

  @Test
  void credentials_generated_once_are_kept_for_the_next_start(@TempDir Path dataDir) {
    LocalCredentials first = LocalCredentials.loadOrCreate(dataDir.resolve("data"));
    LocalCredentials second = LocalCredentials.loadOrCreate(dataDir.resolve("data"));

    assertThat(second).isEqualTo(first);
    assertThat(first.apiKey()).hasSizeGreaterThanOrEqualTo(AppConfig.MIN_API_KEY_LENGTH);
    assertThat(first.accountSid()).matches("AC[0-9a-f]{32}");
    assertThat(first.toString()).doesNotContain(first.apiKey()).doesNotContain(first.authToken());
  }

  @Test
  void nothing_is_loaded_before_a_local_start(@TempDir Path dataDir) {
    assertThat(LocalCredentials.load(dataDir)).isEmpty();
  }
}
