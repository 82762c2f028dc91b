package com.example.embedding;

// example:begin
import io.smsfoundation.domain.message.DeliveryStatus;
import io.smsfoundation.domain.message.Message;
import io.smsfoundation.ports.in.ReadConversation.ConversationPage;
import io.smsfoundation.ports.in.ReadConversation.ConversationQuery;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundOutcome;
import io.smsfoundation.ports.in.ReceiveInboundSms.InboundSms;
import io.smsfoundation.ports.in.SendSms.SendCommand;
import io.smsfoundation.ports.in.SendSms.SendResult;
import io.smsfoundation.ports.memory.InMemoryAdapters;
import io.smsfoundation.ports.out.OutboundSms;
import io.smsfoundation.ports.out.SendOutcome;
import io.smsfoundation.ports.out.SmsGateway;
import io.smsfoundation.ports.service.SmsServices;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * SMS Foundation's use cases inside another JVM service: the in-memory adapters for storage and
 * jobs, and an SMS gateway of our own.
 */
public final class EmbeddingExample {

  /** Our own adapter: hands messages to our provider (here it only prints and makes up a SID). */
  static final class PrintingGateway implements SmsGateway {

    private final AtomicLong sent = new AtomicLong();
    private final Consumer<String> out;

    PrintingGateway(Consumer<String> out) {
      this.out = out;
    }

    @Override
    public SendOutcome send(OutboundSms sms) {
      if (!sms.to().e164().startsWith("+1")) {
        return new SendOutcome.Rejected("21211", "not a number we can reach", false);
      }
      String sid = "SM%032x".formatted(sent.incrementAndGet());
      out.accept("gateway: " + sms.body().length() + " characters to " + sms.to().e164());
      return new SendOutcome.Sent(sid, DeliveryStatus.QUEUED);
    }
  }

  public static void main(String[] args) {
    run(System.out::println);
  }

  static void run(Consumer<String> out) {
    InMemoryAdapters adapters = InMemoryAdapters.create();
    SmsServices services =
        SmsServices.create(
            adapters.ports().withSmsGateway(new PrintingGateway(out)),
            SmsServices.Settings.defaults());
    // sends, tenant links and event deliveries run as jobs: start the queue that runs them
    adapters.jobQueue().start(services.jobHandler());
    try {
      InboundOutcome received =
          services
              .receiveInbound()
              .receive(
                  InboundSms.text(
                      "SM0123456789abcdef0123456789abcdef",
                      "+12015550123",
                      "+15005550006",
                      "Hola, ¿cuándo vienen a reparar la llave del baño?"));
      out.accept("received: " + received);

      SendResult sent =
          services
              .sendSms()
              .send(SendCommand.to("(201) 555-0123", "Mañana a las 10, gracias.", "visit-42"));
      out.accept("sent: " + sent);

      ConversationPage page =
          services
              .readConversation()
              .read(new ConversationQuery("2015550123", null, null))
              .orElseThrow();
      out.accept(
          "conversation "
              + page.conversation().address().canonical()
              + " language "
              + page.conversation().language().language().code());
      for (Message message : page.messages()) {
        out.accept(
            "  "
                + message.direction().code()
                + " "
                + message.deliveryStatus().code()
                + " "
                + message.content());
      }
    } finally {
      adapters.jobQueue().close();
    }
  }
}
// example:end
