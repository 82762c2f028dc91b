package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsfoundation.domain.call.Call;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.in.RecordCallStatus;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Counts calls by dialer and outcome ({@code sms.calls}: {@code routed}, {@code announced}, {@code
 * duplicate} when they come in, then the status that ended them) and times the voice answers from
 * request received to TwiML written ({@code sms.voice.twiml.latency}).
 */
final class MeteredVoice {

  /** Finer than the other latencies around the voice answer's target of 20 ms. */
  private static final Duration[] TWIML_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(20),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5)
  };

  private MeteredVoice() {}

  static ReceiveCall receiveCall(ReceiveCall delegate, MeterRegistry registry) {
    Timer latency =
        Timer.builder(ServiceMetrics.VOICE_TWIML_LATENCY)
            .description("Voice webhooks: request received to TwiML written, first answers only")
            .serviceLevelObjectives(TWIML_BUCKETS)
            .register(registry);
    return new ReceiveCall() {
      @Override
      public CallOutcome receive(IncomingCall call) {
        CallOutcome outcome = delegate.receive(call);
        String word =
            switch (outcome) {
              case CallOutcome.Accepted accepted ->
                  accepted.call().routedDialer() == null ? "announced" : "routed";
              case CallOutcome.Duplicate duplicate -> "duplicate";
            };
        count(registry, outcome.call(), word);
        return outcome;
      }

      @Override
      public void answered(Map<UUID, Duration> responseTimes) {
        responseTimes.values().forEach(latency::record);
        delegate.answered(responseTimes);
      }
    };
  }

  static RecordCallStatus recordCallStatus(RecordCallStatus delegate, MeterRegistry registry) {
    return report -> {
      RecordCallStatus.CallStatusOutcome outcome = delegate.record(report);
      if (outcome instanceof RecordCallStatus.CallStatusOutcome.Applied applied
          && applied.call().status().isFinal()) {
        count(registry, applied.call(), applied.call().status().toString());
      }
      return outcome;
    };
  }

  private static void count(MeterRegistry registry, Call call, String outcome) {
    Counter.builder(ServiceMetrics.CALLS)
        .description("Calls by dialer and outcome: how they were answered, then how they ended")
        .tag("dialer", call.routedDialer() == null ? "none" : call.routedDialer())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
