package io.smsfoundation.ports.service;

import io.smsfoundation.ports.in.JobHandler;
import io.smsfoundation.ports.in.LinkTenant.LinkOutcome;
import io.smsfoundation.ports.out.Job;
import java.util.UUID;

/** Routes each background job to the service that runs it. */
public final class JobDispatcher implements JobHandler {

  private final LinkTenantService linkTenant;
  private final DeliverSmsService deliverSms;
  private final DeliverEventService deliverEvent;
  private final FetchPriceService fetchPrice;
  private final SettleSmsService settleSms;

  JobDispatcher(
      LinkTenantService linkTenant,
      DeliverSmsService deliverSms,
      DeliverEventService deliverEvent,
      FetchPriceService fetchPrice,
      SettleSmsService settleSms) {
    this.linkTenant = linkTenant;
    this.deliverSms = deliverSms;
    this.deliverEvent = deliverEvent;
    this.fetchPrice = fetchPrice;
    this.settleSms = settleSms;
  }

  @Override
  public JobResult handle(Job job) {
    return switch (job.type()) {
      case LINK_TENANT -> result(linkTenant.link(UUID.fromString(job.subjectId())));
      case VERIFY_TENANT -> result(linkTenant.verify(UUID.fromString(job.subjectId())));
      case SEND_SMS -> deliverSms.deliver(UUID.fromString(job.subjectId()));
      case PUSH_TENANT_LANGUAGE -> linkTenant.pushLanguage(job.subjectId());
      case DELIVER_EVENT -> deliverEvent.deliver(job.subjectId());
      case FETCH_PRICE -> fetchPrice.fetch(UUID.fromString(job.subjectId()));
      case SETTLE_SMS -> settleSms.settle(UUID.fromString(job.subjectId()));
    };
  }

  private static JobResult result(LinkOutcome outcome) {
    return outcome instanceof LinkOutcome.DirectoryUnavailable unavailable
        ? new JobResult.RetryLater(unavailable.reason())
        : new JobResult.Done();
  }
}
