package io.smsfoundation.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @Test
  void libpq_form_gives_user_password_host_database_and_parameters() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgres://app:s3cret@db.example.com:5432/sms?sslmode=require");

    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url.host()).isEqualTo("db.example.com:5432");
    assertThat(url.database()).isEqualTo("sms");
    assertThat(url.parameters()).containsExactly(Map.entry("sslmode", "require"));
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://db.example.com:5432/sms?sslmode=require");
  }

  @Test
  void postgresql_scheme_and_supabase_pooler_string_work_as_handed_out() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://postgres.abcdefghijklmnop:pa55word@aws-0-us-east-1.pooler.supabase.com:6543/postgres");

    assertThat(url.user()).isEqualTo("postgres.abcdefghijklmnop");
    assertThat(url.password()).isEqualTo("pa55word");
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://aws-0-us-east-1.pooler.supabase.com:6543/postgres");
  }

  @Test
  void percent_encoded_user_and_password_are_decoded_and_plus_stays_plus() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://us%40er:p%40ss%3Aw%2Fo+rd%25@localhost/db");

    assertThat(url.user()).isEqualTo("us@er");
    assertThat(url.password()).isEqualTo("p@ss:w/o+rd%");
  }

  @Test
  void unencoded_at_sign_in_the_password_is_tolerated() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:p@ss@localhost:5432/db");

    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.host()).isEqualTo("localhost:5432");
  }

  @Test
  void jdbc_form_takes_user_and_password_out_of_the_parameters() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=pw%26x&sslmode=disable&ApplicationName=x");

    assertThat(url.user()).isEqualTo("postgres");
    assertThat(url.password()).isEqualTo("pw&x");
    assertThat(url.parameters())
        .containsExactly(Map.entry("sslmode", "disable"), Map.entry("ApplicationName", "x"));
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?sslmode=disable&ApplicationName=x");
  }

  @Test
  void jdbc_form_without_credentials_has_no_user_or_password() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://localhost/db");

    assertThat(url.user()).isNull();
    assertThat(url.password()).isNull();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/db");
  }

  @Test
  void ipv6_and_several_hosts_are_kept() {
    assertThat(DatabaseUrl.parse("postgres://u:p@[::1]:5432/db").jdbcUrl())
        .isEqualTo("jdbc:postgresql://[::1]:5432/db");
    assertThat(DatabaseUrl.parse("postgres://u:p@h1:5432,h2:5433/db").host())
        .isEqualTo("h1:5432,h2:5433");
  }

  @Test
  void added_parameter_replaces_one_of_the_same_name() {
    DatabaseUrl url =
        DatabaseUrl.parse("postgres://u:p@h/db?currentSchema=a")
            .withParameter("currentSchema", "b");

    assertThat(url.parameters()).containsExactly(Map.entry("currentSchema", "b"));
  }

  @Test
  void to_string_never_shows_the_password() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:topsecretvalue@h/db");

    assertThat(url.toString()).doesNotContain("topsecretvalue").contains("***").contains("app");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://app:topsecretvalue@h/db",
        "postgres://app:topsecretvalue@/db",
        "postgres://app:topsecretvalue@h:notaport/db",
        "postgres://app:topsecretvalue@h:99999/db",
        "postgres://app:topsecret%zzvalue@h/db",
        "jdbc:mysql://h/db?password=topsecretvalue",
        "just some text topsecretvalue"
      })
  void malformed_urls_are_refused_without_echoing_the_password(String text) {
    assertThatThrownBy(() -> DatabaseUrl.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the database URL")
        .message()
        .doesNotContain("topsecret");
  }

  @Test
  void empty_url_is_refused_with_a_clear_message() {
    assertThatThrownBy(() -> DatabaseUrl.parse("  "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the database URL is empty");
  }

  @Test
  void invalid_port_is_named() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u@h:54x/db"))
        .hasMessage("the database URL has an invalid port '54x'");
  }
}
