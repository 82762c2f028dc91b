package io.smsfoundation.adapter.postgres;

import io.smsfoundation.domain.message.RawForm;
import io.smsfoundation.ports.in.ReceiveInboundSms;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import io.smsfoundation.ports.memory.InMemorySmsGateway;
import io.smsfoundation.ports.memory.InMemoryTenantDirectory;
import io.smsfoundation.ports.memory.InMemoryWebhookSender;
import io.smsfoundation.ports.memory.PlainEventPayloads;
import io.smsfoundation.ports.service.SmsServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Measures the inbound write path (conversation upsert, message insert, language update,
 * tenant-link job, commit) through the inbound use case on the PostgreSQL adapters: database round
 * trips per transaction, then latency and throughput of a warm loop on one and on eight threads. A
 * measurement for the notes, not a test; run it with the test class path, against the server named
 * by {@code SMS_TEST_DATABASE_URL} (else an embedded one).
 */
public final class InboundWriteMeasurement {

  private static final String[] BODIES = {
    "Hola, ¿cuándo pasan a arreglar la llave?",
    "ok",
    "Hi, when is the rent due this month?",
    "Olá, obrigado pela ajuda",
    "👍"
  };

  private InboundWriteMeasurement() {}

  public static void main(String[] args) throws Exception {
    int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    // the services log every accepted message; that is not what is measured here
    Logger.getLogger("").setLevel(Level.WARNING);
    try (PostgresTestDatabase.Schema schema = PostgresTestDatabase.createSchema()) {
      PostgresAdapters adapters = PostgresAdapters.create(schema.newDataSource(10));
      PostgresJobQueue jobs = adapters.jobQueue(PostgresJobQueue.Settings.defaults());
      ReceiveInboundSms service =
          SmsServices.create(
                  new SmsServices.Ports(
                      adapters.unitOfWork(),
                      adapters.conversations(),
                      adapters.messages(),
                      adapters.usage(),
                      adapters.tenantNumbers(),
                      new InMemoryTenantDirectory(),
                      new InMemorySmsGateway(),
                      jobs,
                      adapters.events(),
                      adapters.subscriptions(),
                      new PlainEventPayloads(),
                      new InMemoryWebhookSender()),
                  SmsServices.Settings.defaults())
              .receiveInbound();

      System.out.printf("server: %s%n", PostgresTestDatabase.source());
      AtomicInteger sequence = new AtomicInteger();
      run(service, sequence, 1, 5_000, "warm-up");
      countRoundTrips(service);
      run(service, sequence, 1, perThread, "1 thread");
      run(service, sequence, 8, perThread, "8 threads");
    }
  }

  private static void countRoundTrips(ReceiveInboundSms service) {
    SyncCounter counter = new SyncCounter();
    Logger driver = Logger.getLogger("org.postgresql");
    driver.addHandler(counter);
    driver.setLevel(Level.FINEST);
    try {
      String number = "+12025550100";
      report(
          counter,
          "new conversation, Spanish: upsert + insert + language + job + commit",
          () -> service.receive(sms(number, "Hola, ¿cuándo pasan a arreglar la llave?")));
      report(
          counter,
          "known conversation, same language: upsert + insert + job + commit",
          () -> service.receive(sms(number, "Hola, ¿y mañana por la tarde?")));
      report(
          counter,
          "known conversation, no language: upsert + insert + job + commit",
          () -> service.receive(sms(number, "ok")));
      String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
      service.receive(sms(number, "hola", sid));
      report(
          counter,
          "duplicate SID: upsert + insert(0 rows) + rollback",
          () -> service.receive(sms(number, "hola", sid)));
    } finally {
      driver.setLevel(Level.INFO);
      driver.removeHandler(counter);
    }
  }

  private static void report(SyncCounter counter, String what, Runnable transaction) {
    counter.syncs.set(0);
    transaction.run();
    System.out.printf("round trips: %d  (%s)%n", counter.syncs.get(), what);
  }

  private static void run(
      ReceiveInboundSms service, AtomicInteger sequence, int threads, int perThread, String label)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<long[]>> results = new ArrayList<>();
    long cpuBefore = processCpuNanos();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      results.add(
          pool.submit(
              () -> {
                long[] nanos = new long[perThread];
                for (int i = 0; i < perThread; i++) {
                  int n = sequence.incrementAndGet();
                  InboundSms sms =
                      sms(String.format("+1303555%04d", n % 1_000), BODIES[n % BODIES.length]);
                  long before = System.nanoTime();
                  service.receive(sms);
                  nanos[i] = System.nanoTime() - before;
                }
                return nanos;
              }));
    }
    long[] all = new long[0];
    for (Future<long[]> result : results) {
      long[] part = result.get();
      long[] merged = Arrays.copyOf(all, all.length + part.length);
      System.arraycopy(part, 0, merged, all.length, part.length);
      all = merged;
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    long cpu = processCpuNanos() - cpuBefore;
    pool.shutdown();
    Arrays.sort(all);
    double mean = Arrays.stream(all).average().orElse(0) / 1_000_000.0;
    System.out.printf(
        "%-9s %6d tx  %7.0f tx/s  mean %.3f ms  p50 %.3f ms  p99 %.3f ms  max %.3f ms"
            + "  JVM CPU %.0f us/tx%n",
        label,
        all.length,
        all.length / (elapsed.toNanos() / 1e9),
        mean,
        all[all.length / 2] / 1e6,
        all[(int) (all.length * 0.99)] / 1e6,
        all[all.length - 1] / 1e6,
        cpu / 1e3 / all.length);
  }

  /** CPU time of this JVM, all threads (JIT and GC included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static InboundSms sms(String from, String body) {
    return sms(from, body, "SM" + UUID.randomUUID().toString().replace("-", ""));
  }

  private static InboundSms sms(String from, String body, String sid) {
    RawForm form =
        RawForm.builder()
            .add("ToCountry", "US")
            .add("SmsMessageSid", sid)
            .add("NumMedia", "0")
            .add("SmsSid", sid)
            .add("SmsStatus", "received")
            .add("Body", body)
            .add("To", "+15005550006")
            .add("NumSegments", "1")
            .add("MessageSid", sid)
            .add("AccountSid", "AC" + "0".repeat(32))
            .add("From", from)
            .add("ApiVersion", "2010-04-01")
            .build();
    return new InboundSms(sid, from, "+15005550006", body, List.of(), 0, 1, null, form);
  }

  /** Counts the Sync messages pgjdbc sends: each one ends a round trip. */
  private static final class SyncCounter extends Handler {
    final AtomicInteger syncs = new AtomicInteger();

    SyncCounter() {
      setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord record) {
      String message = record.getMessage();
      if (message == null) {
        return;
      }
      if (message.contains("FE=> Sync")) {
        syncs.incrementAndGet();
      }
      if (Boolean.getBoolean("trace") && message.contains("FE=>")) {
        Object[] parameters = record.getParameters();
        System.out.println(
            "    "
                + message
                + (parameters == null ? "" : " " + Arrays.toString(parameters))
                    .lines()
                    .findFirst()
                    .orElse(""));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
