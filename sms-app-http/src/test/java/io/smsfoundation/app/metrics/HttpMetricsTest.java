package io.smsfoundation.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Webhook outcomes become a small fixed set of label values; methods too. */
class HttpMetricsTest {

  @Test
  void endpoint_words_and_error_codes_map_to_webhook_outcomes() {
    assertThat(HttpMetrics.webhookOutcome("accepted")).isEqualTo("accepted");
    assertThat(HttpMetrics.webhookOutcome("duplicate")).isEqualTo("duplicate");
    assertThat(HttpMetrics.webhookOutcome("invalid_signature")).isEqualTo("invalid_signature");
    assertThat(HttpMetrics.webhookOutcome("status sent -> delivered")).isEqualTo("applied");
    assertThat(HttpMetrics.webhookOutcome("unchanged delivered")).isEqualTo("unchanged");
    assertThat(HttpMetrics.webhookOutcome("kept_for_later")).isEqualTo("kept");
    assertThat(HttpMetrics.webhookOutcome("sms.validation_error")).isEqualTo("invalid");
    assertThat(HttpMetrics.webhookOutcome("sms.payload_too_large")).isEqualTo("invalid");
    assertThat(HttpMetrics.webhookOutcome("sms.unavailable")).isEqualTo("unavailable");
    assertThat(HttpMetrics.webhookOutcome("sms.internal")).isEqualTo("error");
    assertThat(HttpMetrics.webhookOutcome(null)).isEqualTo("error");
  }

  @Test
  void odd_methods_share_one_series() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    HttpMetrics metrics = new HttpMetrics(registry);

    metrics.answered("BREW", "unmatched", 404, "sms.not_found", 1_000);
    metrics.answered("PROPFIND", "unmatched", 404, "sms.not_found", 1_000);

    assertThat(registry.get(ServiceMetrics.HTTP_REQUESTS).tag("method", "OTHER").timer().count())
        .isEqualTo(2);
  }

  @Test
  void unknown_delivery_statuses_and_odd_error_codes_are_bounded() {
    assertThat(Labels.status(io.smsfoundation.domain.message.DeliveryStatus.of("teleported")))
        .isEqualTo("other");
    assertThat(Labels.status(io.smsfoundation.domain.message.DeliveryStatus.DELIVERED))
        .isEqualTo("delivered");
    assertThat(Labels.errorCode("21211")).isEqualTo("21211");
    assertThat(Labels.errorCode("drop table")).isEqualTo("other");
    assertThat(Labels.errorCode(null)).isEqualTo("none");
  }
}
