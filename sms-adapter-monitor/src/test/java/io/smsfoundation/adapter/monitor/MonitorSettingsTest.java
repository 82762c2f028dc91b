package io.smsfoundation.adapter.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorSettingsTest {

  private static final URI BASE = URI.create("https://monitor.example.com/api");

  @Test
  void defaults_follow_the_design() {
    MonitorSettings settings = MonitorSettings.defaults(BASE);

    assertThat(settings.lookupPath()).isEqualTo("/tenants/lookup");
    assertThat(settings.languagePath()).isEqualTo("/tenants/{tenant_id}/language-preference");
    assertThat(settings.tenantPath()).isEqualTo("/tenants/{tenant_id}");
    assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(settings.lookupBudget()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxAttempts()).isEqualTo(4);
    assertThat(settings.backoffInitial()).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.backoffMax()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.breakerFailureThreshold()).isEqualTo(5);
    assertThat(settings.breakerWindow()).isEqualTo(10);
    assertThat(settings.breakerDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.hasToken()).isFalse();
  }

  @Test
  void the_environment_sets_url_token_and_paths() {
    MonitorSettings settings =
        MonitorSettings.fromEnvironment(
            Map.of(
                "MONITOR_API_URL", " http://monitor:8080 ",
                "MONITOR_API_TOKEN", "tok",
                "MONITOR_LOOKUP_PATH", "/v2/lookup",
                "MONITOR_LANGUAGE_PATH", "/v2/tenants/{tenant_id}/lang"));

    assertThat(settings.baseUrl()).isEqualTo(URI.create("http://monitor:8080"));
    assertThat(settings.token()).isEqualTo("tok");
    assertThat(settings.lookupPath()).isEqualTo("/v2/lookup");
    assertThat(settings.languagePath()).isEqualTo("/v2/tenants/{tenant_id}/lang");
  }

  @Test
  void blank_paths_in_the_environment_keep_the_defaults() {
    MonitorSettings settings =
        MonitorSettings.fromEnvironment(
            Map.of("MONITOR_API_URL", "http://monitor", "MONITOR_LOOKUP_PATH", " "));

    assertThat(settings.lookupPath()).isEqualTo(MonitorSettings.DEFAULT_LOOKUP_PATH);
    assertThat(settings.languagePath()).isEqualTo(MonitorSettings.DEFAULT_LANGUAGE_PATH);
  }

  @Test
  void a_missing_url_names_the_variable() {
    assertThatThrownBy(() -> MonitorSettings.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MONITOR_API_URL");
  }

  @Test
  void a_bad_language_path_names_the_variable() {
    assertThatThrownBy(
            () ->
                MonitorSettings.fromEnvironment(
                    Map.of(
                        "MONITOR_API_URL", "http://monitor",
                        "MONITOR_LANGUAGE_PATH", "/tenants/language")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MONITOR_LANGUAGE_PATH")
        .hasMessageContaining("{tenant_id}");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "monitor.example.com",
        "/tenants",
        "ftp://monitor.example.com",
        "http://monitor.example.com?x=1",
        "http:///nohost"
      })
  void a_base_url_that_is_not_absolute_http_is_refused(String url) {
    assertThatThrownBy(() -> MonitorSettings.defaults(URI.create(url)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credentials_in_the_url_are_refused_without_echoing_them() {
    assertThatThrownBy(
            () ->
                MonitorSettings.fromEnvironment(
                    Map.of("MONITOR_API_URL", "https://user:hunter2@monitor.example.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MONITOR_API_TOKEN")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void a_lookup_path_must_start_with_a_slash() {
    assertThatThrownBy(() -> MonitorSettings.defaults(BASE).withLookupPath("tenants/lookup"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_path_that_is_not_a_valid_url_path_is_refused() {
    assertThatThrownBy(() -> MonitorSettings.defaults(BASE).withLookupPath("/tenants/look up"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lookup path");
  }

  @Test
  void policy_values_out_of_range_are_refused() {
    MonitorSettings settings = MonitorSettings.defaults(BASE);

    assertThatThrownBy(() -> settings.withAttemptTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(2)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withBreaker(11, 10, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void the_token_never_shows_in_to_string() {
    MonitorSettings settings = MonitorSettings.defaults(BASE).withToken("s3cret-token");

    assertThat(settings.toString()).doesNotContain("s3cret-token").contains("token=(set)");
  }
}
