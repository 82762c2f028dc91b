package io.smsfoundation.ports.service;

import io.smsfoundation.domain.call.CallRouting;
import io.smsfoundation.ports.in.ReadCalls;
import io.smsfoundation.ports.in.ReceiveCall;
import io.smsfoundation.ports.in.RecordCallStatus;
import io.smsfoundation.ports.out.CallStore;
import java.util.Objects;

/**
 * The use cases of voice calls, built over the same driven ports as {@link SmsServices} plus a
 * {@link CallStore}: calls live in the callers' conversations and publish through the same events.
 */
public record VoiceServices(
    ReceiveCall receiveCall, RecordCallStatus recordCallStatus, ReadCalls readCalls) {

  /**
   * @param routing where calls go
   */
  public static VoiceServices create(
      SmsServices.Ports ports,
      CallStore calls,
      CallRouting routing,
      SmsServices.Settings settings) {
    Objects.requireNonNull(calls, "calls");
    Objects.requireNonNull(routing, "routing");
    EventRecorder events =
        new EventRecorder(
            ports.events(),
            ports.subscriptions(),
            ports.jobQueue(),
            ports.eventPayloads(),
            new ServiceClock(settings.clock()));
    return new VoiceServices(
        new ReceiveCallService(
            ports.unitOfWork(),
            ports.conversations(),
            calls,
            ports.jobQueue(),
            settings.phones(),
            routing,
            events,
            ports.tenantDirectory().knowsTenants(),
            settings.clock()),
        new RecordCallStatusService(
            ports.unitOfWork(), calls, ports.conversations(), events, settings.clock()),
        new ReadCallsService(calls, ports.conversations(), settings.phones()));
  }
}
