package io.smsfoundation.adapter.twilio;

import io.smsfoundation.adapter.twilio.emulator.TwilioEmulator;
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.contract.ListingSmsGatewayContract;
import io.smsfoundation.ports.out.SmsGateway;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The {@link SmsGateway} contract, through the real SDK against the emulator. */
class TwilioSmsGatewayContractTest extends ListingSmsGatewayContract {

  private CallbackReceiver webhooks;
  private TwilioEmulator emulator;
  private TwilioSmsGateway gateway;

  @BeforeEach
  void start() {
    webhooks = new CallbackReceiver();
    emulator = TwilioEmulator.start();
    gateway =
        TwilioSmsGateway.create(
            TwilioSettings.of(
                emulator.accountSid(),
                emulator.authToken(),
                "+15005550006",
                null,
                URI.create(emulator.baseUrl()),
                webhooks.baseUrl()));
  }

  @AfterEach
  void stop() {
    gateway.close();
    emulator.close();
    webhooks.close();
  }

  @Override
  protected SmsGateway gateway() {
    return gateway;
  }

  @Override
  protected PhoneNumber deliverableNumber() {
    return new PhoneNumber("+12015550123");
  }

  @Override
  protected PhoneNumber invalidNumber() {
    return new PhoneNumber(TwilioEmulator.INVALID_NUMBER);
  }

  @Override
  protected PhoneNumber createdButUnansweredNumber() {
    return new PhoneNumber(TwilioEmulator.SERVER_ERROR_AFTER_CREATE);
  }

  @Override
  protected PhoneNumber otherDeliverableNumber() {
    return new PhoneNumber("+12015550199");
  }
}
