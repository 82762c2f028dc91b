package com.example.embedding;

// contract:begin
import io.smsfoundation.domain.phone.PhoneNumber;
import io.smsfoundation.ports.contract.SmsGatewayContract;
import io.smsfoundation.ports.out.SmsGateway;

/** Our gateway held to what every SmsGateway must do: the project's own suite, unchanged. */
class PrintingGatewayContractTest extends SmsGatewayContract {

  private final SmsGateway gateway = new EmbeddingExample.PrintingGateway(line -> {});

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
    return new PhoneNumber("+442071838750");
  }
}
// contract:end
