package io.smsfoundation.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smsfoundation.app.config.AppConfig.LogFormat;
import io.smsfoundation.app.config.AppConfig.Mode;
import io.smsfoundation.app.config.AppConfig.TenantDirectoryKind;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

  private static final String SID = "AC" + "0123456789abcdef".repeat(2);
  private static final String TOKEN = "secret-auth-token-value";
  private static final String KEY = "sk_live_0123456789abcdef";

  private static Map<String, String> production() {
    Map<String, String> env = new HashMap<>();
    env.put("SMS_MODE", "production");
    env.put("TWILIO_ACCOUNT_SID", SID);
    env.put("TWILIO_AUTH_TOKEN", TOKEN);
    env.put("TWILIO_PHONE_NUMBER", "+15551234567");
    env.put("PUBLIC_BASE_URL", "https://sms.example.com/");
    env.put("DATABASE_URL", "postgres://sms:p%40ss@db.example.com:5432/sms");
    env.put("SMS_API_KEYS", KEY);
    env.put("METRICS_TOKEN", "metrics-token-0123456789");
    return env;
  }

  @Test
  void empty_environment_is_local_mode_with_defaults() {
    AppConfig config = AppConfig.fromEnvironment(Map.of());

    assertThat(config.mode()).isEqualTo(Mode.LOCAL);
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.databaseUrl()).isNull();
    assertThat(config.dataDir().getFileName().toString()).isEqualTo(".sms-data");
    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.tenantDirectory()).isEqualTo(TenantDirectoryKind.NONE);
    assertThat(config.defaultRegion()).isEqualTo("US");
    assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
    assertThat(config.twilio().phoneNumber()).isEqualTo(AppConfig.LOCAL_PHONE_NUMBER);
  }

  @Test
  void twilio_credentials_without_a_mode_mean_production() {
    Map<String, String> env = production();
    env.remove("SMS_MODE");

    assertThat(AppConfig.fromEnvironment(env).mode()).isEqualTo(Mode.PRODUCTION);
  }

  @Test
  void complete_production_environment_is_accepted() {
    AppConfig config = AppConfig.fromEnvironment(production());

    assertThat(config.mode()).isEqualTo(Mode.PRODUCTION);
    assertThat(config.publicBaseUrl()).isEqualTo(URI.create("https://sms.example.com"));
    assertThat(config.apiKeys()).containsExactly(KEY);
  }

  @Test
  void production_keeps_metrics_private_with_a_token_or_a_management_port() {
    Map<String, String> open = production();
    open.remove("METRICS_TOKEN");

    assertThatThrownBy(() -> AppConfig.fromEnvironment(open))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).startsWith("METRICS_TOKEN or MANAGEMENT_PORT")));
    open.put("MANAGEMENT_PORT", "9090");
    assertThat(AppConfig.fromEnvironment(open).managementPort()).isEqualTo(9090);
    assertThat(AppConfig.fromEnvironment(production()).managementPort()).isNull();
  }

  @Test
  void the_management_port_must_be_another_port() {
    Map<String, String> env = production();
    env.put("PORT", "9090");
    env.put("MANAGEMENT_PORT", "9090");

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("MANAGEMENT_PORT ")));
  }

  @Test
  void production_refuses_to_start_without_credentials_public_url_and_api_key() {
    Map<String, String> env = Map.of("SMS_MODE", "production");

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("TWILIO_ACCOUNT_SID "))
                    .anySatisfy(p -> assertThat(p).startsWith("TWILIO_AUTH_TOKEN "))
                    .anySatisfy(p -> assertThat(p).startsWith("PUBLIC_BASE_URL "))
                    .anySatisfy(p -> assertThat(p).startsWith("SMS_API_KEYS "))
                    .anySatisfy(p -> assertThat(p).startsWith("DATABASE_URL ")));
  }

  @Test
  void bad_values_are_reported_by_variable_name() {
    Map<String, String> env = production();
    env.put("PORT", "eighty");
    env.put("DB_POOL_SIZE", "0");
    env.put("LOG_FORMAT", "xml");
    env.put("DEFAULT_REGION", "XX");
    env.put("TENANT_DIRECTORY", "ldap");
    env.put("PUBLIC_BASE_URL", "ftp://example.com");
    env.put("TWILIO_ACCOUNT_SID", "not-a-sid");

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(p -> assertThat(p).startsWith("PORT "))
                    .anySatisfy(p -> assertThat(p).startsWith("DB_POOL_SIZE "))
                    .anySatisfy(p -> assertThat(p).startsWith("LOG_FORMAT "))
                    .anySatisfy(p -> assertThat(p).startsWith("DEFAULT_REGION "))
                    .anySatisfy(p -> assertThat(p).startsWith("TENANT_DIRECTORY "))
                    .anySatisfy(p -> assertThat(p).startsWith("PUBLIC_BASE_URL "))
                    .anySatisfy(p -> assertThat(p).startsWith("TWILIO_ACCOUNT_SID ")));
  }

  @Test
  void secrets_never_appear_in_messages_or_to_string() {
    Map<String, String> env = production();
    env.put("SMS_API_KEYS", KEY + ",short-secret");
    env.put("DATABASE_URL", "mysql://user:db-password@host/db");

    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SMS_API_KEYS")
        .hasMessageContaining("DATABASE_URL")
        .hasMessageNotContaining("short-secret")
        .hasMessageNotContaining("db-password");
    assertThat(AppConfig.fromEnvironment(production()).toString())
        .doesNotContain(TOKEN)
        .doesNotContain(KEY)
        .doesNotContain("p%40ss");
  }

  @Test
  void metrics_token_is_optional_must_be_long_and_is_never_shown() {
    Map<String, String> env = production();
    env.remove("METRICS_TOKEN");
    env.put("MANAGEMENT_PORT", "9090");
    assertThat(AppConfig.fromEnvironment(env).metricsToken()).isNull();

    env.put("METRICS_TOKEN", "metrics-token-0123456789");
    AppConfig config = AppConfig.fromEnvironment(env);
    assertThat(config.metricsToken()).isEqualTo("metrics-token-0123456789");
    assertThat(config.toString()).doesNotContain("metrics-token-0123456789");

    env.put("METRICS_TOKEN", "short-one");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("METRICS_TOKEN")
        .hasMessageNotContaining("short-one");
  }

  @Test
  void monitor_url_selects_the_monitor_directory() {
    Map<String, String> env = new HashMap<>();
    env.put("MONITOR_API_URL", "http://monitor.internal:8081");

    assertThat(AppConfig.fromEnvironment(env).tenantDirectory())
        .isEqualTo(TenantDirectoryKind.MONITOR);
    assertThat(AppConfig.fromEnvironment(Map.of("TENANT_DIRECTORY", "postgres")).tenantDirectory())
        .isEqualTo(TenantDirectoryKind.POSTGRES);
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("TENANT_DIRECTORY", "monitor")))
        .hasMessageContaining("MONITOR_API_URL");
  }

  @Test
  void tenant_link_settings_default_to_the_design_and_read_durations() {
    AppConfig.Tenants defaults = AppConfig.fromEnvironment(Map.of()).tenants();
    AppConfig.Tenants set =
        AppConfig.fromEnvironment(
                Map.of(
                    "TENANT_LINK_TTL", "7d",
                    "TENANT_CACHE_TTL", "0",
                    "RECONCILE_INTERVAL", "PT30S",
                    "RECONCILE_BATCH_SIZE", "50"))
            .tenants();

    assertThat(defaults).isEqualTo(AppConfig.Tenants.defaults());
    assertThat(defaults.linkTtl()).isEqualTo(java.time.Duration.ofDays(30));
    assertThat(defaults.cacheTtl()).isEqualTo(java.time.Duration.ofHours(1));
    assertThat(defaults.notFoundCacheTtl()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(defaults.reconcileBatch()).isEqualTo(500);
    assertThat(set.linkTtl()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(set.cacheEnabled()).isFalse();
    assertThat(set.reconcileEvery()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(set.reconcileBatch()).isEqualTo(50);
    assertThat(
            AppConfig.fromEnvironment(Map.of("MONITOR_API_URL", "https://m.example.com"))
                .monitor()
                .settings()
                .lookupBudget())
        .isEqualTo(java.time.Duration.ofSeconds(10));
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of("TENANT_LINK_TTL", "soon", "MONITOR_LOOKUP_BUDGET", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("TENANT_LINK_TTL")
        .hasMessageContaining("MONITOR_LOOKUP_BUDGET");
  }

  @Test
  void the_checks_of_unknown_sends_default_to_one_and_five_minutes_and_read_durations() {
    AppConfig.Twilio defaults = AppConfig.fromEnvironment(Map.of()).twilio();
    AppConfig.Twilio set =
        AppConfig.fromEnvironment(
                Map.of(
                    "SMS_UNKNOWN_SEND_FIRST_CHECK", "30s", "SMS_UNKNOWN_SEND_SECOND_CHECK", "10m"))
            .twilio();

    assertThat(defaults.unknownFirstCheck()).isEqualTo(java.time.Duration.ofMinutes(1));
    assertThat(defaults.unknownSecondCheck()).isEqualTo(java.time.Duration.ofMinutes(5));
    assertThat(set.unknownFirstCheck()).isEqualTo(java.time.Duration.ofSeconds(30));
    assertThat(set.unknownSecondCheck()).isEqualTo(java.time.Duration.ofMinutes(10));
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(
                        "SMS_UNKNOWN_SEND_FIRST_CHECK", "later",
                        "SMS_UNKNOWN_SEND_SECOND_CHECK", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SMS_UNKNOWN_SEND_FIRST_CHECK")
        .hasMessageContaining("SMS_UNKNOWN_SEND_SECOND_CHECK");
  }

  @Test
  void api_keys_are_split_on_commas_and_trimmed() {
    Map<String, String> env =
        Map.of("SMS_API_KEYS", " aaaaaaaaaaaaaaaa , bbbbbbbbbbbbbbbb,,aaaaaaaaaaaaaaaa ");

    assertThat(AppConfig.fromEnvironment(env).apiKeys())
        .containsExactly("aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb");
  }
}
