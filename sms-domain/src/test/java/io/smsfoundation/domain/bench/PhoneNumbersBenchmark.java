package io.smsfoundation.domain.bench;

import io.smsfoundation.domain.phone.Address;
import io.smsfoundation.domain.phone.PhoneNumbers;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per sender of what the inbound path does with a {@code From}: classify it (the webhook) and
 * compute its lookup variants (the tenant-link job). Each operation is one sender of a mix that,
 * like real traffic, is mostly E.164 from Twilio.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PhoneNumbersBenchmark {

  static final String[] SENDERS = {
    "+12015550123",
    "+13055550187",
    "+17185550142",
    "+14155550199",
    "+16465550100",
    "+5511912345678",
    "+525512345678",
    "+447911123456",
    "(201) 555-0123",
    "201.555.0123",
    "+1 201 555 0123",
    "12015550123",
    "12345",
    "898211",
    "VERIZON",
    "AT&T Free Msg"
  };

  private final PhoneNumbers numbers = PhoneNumbers.forUnitedStates();

  @Benchmark
  @OperationsPerInvocation(16)
  public void classify(Blackhole blackhole) {
    for (String sender : SENDERS) {
      blackhole.consume(numbers.classify(sender));
    }
  }

  @Benchmark
  @OperationsPerInvocation(16)
  public void lookupVariants(Blackhole blackhole) {
    for (String sender : SENDERS) {
      blackhole.consume(numbers.lookupVariants(sender));
    }
  }

  @Benchmark
  @OperationsPerInvocation(16)
  public void classifyAndLookupVariants(Blackhole blackhole) {
    for (String sender : SENDERS) {
      Address address = numbers.classify(sender);
      List<String> variants = numbers.lookupVariants(sender);
      blackhole.consume(address);
      blackhole.consume(variants);
    }
  }
}
