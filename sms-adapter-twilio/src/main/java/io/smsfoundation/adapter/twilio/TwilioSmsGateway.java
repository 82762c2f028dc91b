package io.smsfoundation.adapter.twilio;

import com.twilio.base.ResourceSet;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.PriceLookup;
import io.smsfoundation.ports.out.ProviderMessage;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS through the official Twilio SDK and says honestly what happened: sent, rejected for
 * good, safe to retry later (the request never reached Twilio, or Twilio throttled it), or unknown
 * (Twilio may have created the message; it is never re-sent blindly). Only "retry later" is retried
 * here, a few times with exponential backoff and jitter. {@link #sentTo} reads Twilio's message
 * list, to settle a send whose outcome was unknown. Thread-safe.
 */
public final class TwilioSmsGateway implements SmsGateway, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TwilioSmsGateway.class);

  /** Messages per page of Twilio's list: a destination rarely has more since an attempt. */
  private static final long LIST_PAGE_SIZE = 50;

  private final TwilioRestClient client;
  private final TwilioSettings settings;
  private final FailsafeExecutor<SendOutcome> retries;
  private final AutoCloseable ownedTransport;

  /**
   * A gateway over a client the caller built and owns. The client's HTTP client should not re-send
   * POSTs on a 5xx, as the SDK's default one does; {@link #create} builds one that does not.
   */
  public TwilioSmsGateway(TwilioRestClient client, TwilioSettings settings) {
    this(client, settings, null);
  }

  private TwilioSmsGateway(
      TwilioRestClient client, TwilioSettings settings, AutoCloseable ownedTransport) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ownedTransport = ownedTransport;
    TwilioSettings.Retry bounds = settings.retry();
    RetryPolicy<SendOutcome> retryLater =
        RetryPolicy.<SendOutcome>builder()
            // Only the "never reached Twilio / throttled" outcome; this form also keeps Failsafe
            // from retrying an exception that escapes (an Error): nothing may be sent twice.
            .handleIf((outcome, failure) -> outcome instanceof SendOutcome.RetryLater)
            .withMaxAttempts(bounds.maxAttempts())
            .withBackoff(bounds.firstDelay(), bounds.maxDelay())
            .withJitter(bounds.jitter())
            .withMaxDuration(bounds.maxDuration())
            .onRetry(
                event ->
                    log.info(
                        "twilio send retry attempt={} reason={}",
                        event.getAttemptCount() + 1,
                        ((SendOutcome.RetryLater) event.getLastResult()).reason()))
            .build();
    this.retries = Failsafe.with(retryLater);
  }

  /**
   * A gateway with its own SDK client: explicit timeouts, requests sent to {@link
   * TwilioSettings#apiBaseUrl()} when set, and no automatic re-send of a message-creating POST.
   * {@link #close()} releases its connections.
   */
  public static TwilioSmsGateway create(TwilioSettings settings) {
    SdkHttpClient transport =
        new SdkHttpClient(settings.apiBaseUrl(), settings.connectTimeout(), settings.readTimeout());
    TwilioRestClient client =
        new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
            .httpClient(transport)
            .build();
    return new TwilioSmsGateway(client, settings, transport);
  }

  @Override
  public SendOutcome send(OutboundSms sms) {
    Objects.requireNonNull(sms, "sms");
    SendOutcome outcome = retries.get(() -> attempt(sms));
    switch (outcome) {
      case SendOutcome.Sent sent ->
          log.info(
              "twilio send sent message_id={} to={} sid={} status={}",
              sms.messageId(),
              sms.to().masked(),
              sent.twilioSid(),
              sent.status());
      case SendOutcome.Rejected rejected ->
          log.warn(
              "twilio send rejected message_id={} to={} code={} opted_out={}",
              sms.messageId(),
              sms.to().masked(),
              rejected.errorCode(),
              rejected.recipientOptedOut());
      case SendOutcome.RetryLater later ->
          log.warn(
              "twilio send retry_later message_id={} to={} reason={}",
              sms.messageId(),
              sms.to().masked(),
              later.reason());
      case SendOutcome.Unknown unknown ->
          log.warn(
              "twilio send unknown message_id={} to={} reason={}",
              sms.messageId(),
              sms.to().masked(),
              unknown.reason());
    }
    return outcome;
  }

  private SendOutcome attempt(OutboundSms sms) {
    MessageCreator creator = creator(sms);
    creator.setStatusCallback(settings.statusCallbackFor(sms.messageId()));
    try {
      Message message = creator.create(client);
      return new SendOutcome.Sent(message.getSid(), statusOf(message));
    } catch (TransportFailure e) {
      return e.reachedTwilio()
          ? new SendOutcome.Unknown(e.getMessage() + "; the message may have been created")
          : new SendOutcome.RetryLater(e.getMessage(), null);
    } catch (ApiException e) {
      return TwilioErrors.outcomeOf(e);
    } catch (ApiConnectionException e) {
      // The SDK's own transport, or an answer it could not read: Twilio may have created it.
      return new SendOutcome.Unknown(
          "no usable answer from Twilio: " + e.getClass().getSimpleName());
    } catch (RuntimeException e) {
      // A bug or a surprise after the request may have left: never guess that nothing was sent.
      log.error("twilio send failed unexpectedly message_id={}", sms.messageId(), e);
      return new SendOutcome.Unknown("unexpected " + e.getClass().getSimpleName());
    }
  }

  /** A text message, or an MMS ({@code MediaUrl}) whose body may be empty. */
  private MessageCreator creator(OutboundSms sms) {
    PhoneNumber to = new PhoneNumber(sms.to().e164());
    if (sms.mediaUrls().isEmpty()) {
      return settings.messagingServiceSid() != null
          ? Message.creator(to, settings.messagingServiceSid(), sms.body())
          : Message.creator(to, new PhoneNumber(settings.phoneNumber()), sms.body());
    }
    List<URI> media = sms.mediaUrls().stream().map(URI::create).toList();
    MessageCreator creator =
        settings.messagingServiceSid() != null
            ? Message.creator(to, settings.messagingServiceSid(), media)
            : Message.creator(to, new PhoneNumber(settings.phoneNumber()), media);
    if (!sms.body().isEmpty()) {
      creator.setBody(sms.body());
    }
    return creator;
  }

  /**
   * Fetches the message from Twilio and reads its {@code price} and {@code price_unit}; a GET, so
   * the SDK's own re-sends on a 5xx are harmless here.
   */
  @Override
  public PriceLookup lookupPrice(String providerMessageId) {
    Objects.requireNonNull(providerMessageId, "providerMessageId");
    try {
      Message message = Message.fetcher(providerMessageId).fetch(client);
      String price = message.getPrice();
      if (price == null || price.isBlank()) {
        return new PriceLookup.NotYetPriced();
      }
      String unit =
          message.getPriceUnit() == null ? null : message.getPriceUnit().getCurrencyCode();
      return new PriceLookup.Priced(new BigDecimal(price.strip()), unit);
    } catch (ApiException e) {
      return e.getStatusCode() != null && e.getStatusCode() == 404
          ? new PriceLookup.NotFound()
          : new PriceLookup.Unavailable("Twilio answered " + e.getStatusCode());
    } catch (NumberFormatException e) {
      log.warn("twilio price unreadable sid={}", providerMessageId);
      return new PriceLookup.NotYetPriced();
    } catch (RuntimeException e) {
      return new PriceLookup.Unavailable(
          "no usable answer from Twilio: " + e.getClass().getSimpleName());
    }
  }

  /**
   * Reads Twilio's message list to {@code to}, sent at or after {@code since}, every page of it,
   * and keeps the outbound messages of this gateway's sender (its number, or its messaging
   * service). Twilio's list does not show the status callback URL, so the caller matches by body.
   */
  @Override
  public List<ProviderMessage> sentTo(io.smsfoundation.domain.phone.PhoneNumber to, Instant since) {
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(since, "since");
    List<ProviderMessage> ours = new ArrayList<>();
    try {
      ResourceSet<Message> pages =
          Message.reader()
              .setTo(new PhoneNumber(to.e164()))
              .setDateSentAfter(since.atZone(ZoneOffset.UTC))
              .setPageSize(LIST_PAGE_SIZE)
              .read(client);
      for (Message message : pages) {
        if (message.getDirection() != Message.Direction.INBOUND && fromOurSender(message)) {
          ours.add(
              new ProviderMessage(
                  message.getSid(),
                  Objects.requireNonNullElse(message.getBody(), ""),
                  statusOf(message),
                  createdAt(message)));
        }
      }
    } catch (ApiConnectionException e) {
      // the SDK's own messages may hold the request URL, and with it the number
      String reason = e instanceof TransportFailure ? e.getMessage() : e.getClass().getSimpleName();
      throw new SmsGateway.ListingFailed("no usable answer from Twilio: " + reason);
    } catch (ApiException e) {
      throw new SmsGateway.ListingFailed(
          "Twilio answered " + e.getStatusCode() + " (code " + e.getCode() + ")");
    }
    log.info("twilio list to={} since={} ours={}", to.masked(), since, ours.size());
    return ours;
  }

  private boolean fromOurSender(Message message) {
    if (settings.messagingServiceSid() != null) {
      return settings.messagingServiceSid().equals(message.getMessagingServiceSid());
    }
    return message.getFrom() != null && settings.phoneNumber().equals(message.getFrom().toString());
  }

  private static Instant createdAt(Message message) {
    ZonedDateTime created =
        message.getDateCreated() != null ? message.getDateCreated() : message.getDateSent();
    return created == null ? Instant.EPOCH : created.toInstant();
  }

  private static DeliveryStatus statusOf(Message message) {
    // The SDK maps a status it does not know to null; the message was accepted all the same.
    return message.getStatus() == null
        ? DeliveryStatus.ACCEPTED
        : DeliveryStatus.of(message.getStatus().toString());
  }

  /** Releases the connections of a gateway made by {@link #create}; otherwise does nothing. */
  @Override
  public void close() {
    if (ownedTransport != null) {
      try {
        ownedTransport.close();
      } catch (Exception e) {
        log.warn("closing the Twilio HTTP client failed", e);
      }
    }
  }
}
