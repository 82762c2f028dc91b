package io.smsfoundation.app.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.out.Job;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.MDC;

/**
 * Runs each background job with its subject in the log context ({@code job}, and {@code
 * conversation_id}, {@code message_id} or {@code tenant_id}), and counts and times jobs by type and
 * result ({@code sms.jobs}, {@code sms.job.duration}).
 */
final class ObservedJobHandler implements JobHandler {

  private final JobHandler delegate;
  private final MeterRegistry registry;

  ObservedJobHandler(JobHandler delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
  }

  @Override
  public JobResult handle(Job job) {
    Map<String, String> previous = MDC.getCopyOfContextMap();
    MDC.put("job", job.type().code());
    MDC.put(subjectField(job.type()), job.subjectId());
    String result = "failed";
    long start = System.nanoTime();
    try {
      JobResult outcome = delegate.handle(job);
      result =
          switch (outcome) {
            case JobResult.Done done -> "done";
            case JobResult.RetryLater later -> "retry";
          };
      return outcome;
    } finally {
      String type = job.type().code();
      Counter.builder(ServiceMetrics.JOBS)
          .description("Background jobs run, by type and result")
          .tag("type", type)
          .tag("result", result)
          .register(registry)
          .increment();
      Timer.builder(ServiceMetrics.JOB_DURATION)
          .description("How long background jobs ran")
          .tag("type", type)
          .serviceLevelObjectives(ServiceMetrics.LATENCY_BUCKETS)
          .register(registry)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      if (previous == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(previous);
      }
    }
  }

  private static String subjectField(Job.Type type) {
    return switch (type) {
      case LINK_TENANT, VERIFY_TENANT -> "conversation_id";
      case SEND_SMS, FETCH_PRICE, SETTLE_SMS -> "message_id";
      case PUSH_TENANT_LANGUAGE -> "tenant_id";
      case DELIVER_EVENT -> "delivery_id";
    };
  }
}
