package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.encode;
import static io.smsfoundation.app.TestApplication.inboundForm;
import static io.smsfoundation.app.TestApplication.json;
import static io.smsfoundation.app.TestApplication.newSid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.smsfoundation.app.config.ReplyConfig;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What senders get back over real HTTP: the TwiML {@code <Message>} answers to HELP, STOP and START
 * in the keyword's language, auto-replies with their cooldown, and the guards that keep answers
 * from machines, from a flood and from looping; every answer is stored as an outbound message of
 * the conversation.
 */
class RepliesEndToEndTest {

  private static final String COMPANY = "Maple Street Homes";
  private static final String CONTACT = "help@maple.example";
  private static final String UNKNOWN_SENDER_TEXT = "Hi, this is Maple Street Homes. Who is this?";

  private static TestApplication app;
  private static int nextNumber = 1000;

  @BeforeAll
  static void start() {
    app =
        TestApplication.start(
            Map.of(
                ReplyConfig.SMS_COMPANY_NAME,
                COMPANY,
                ReplyConfig.SMS_COMPANY_CONTACT,
                CONTACT,
                ReplyConfig.SMS_AUTO_REPLIES,
                "{\"rules\": [{\"id\": \"unknown-sender\", \"tenant\": \"unknown\","
                    + " \"cooldown\": \"1h\", \"text\": {\"en\": \""
                    + UNKNOWN_SENDER_TEXT
                    + "\", \"es\": \"Hola, habla Maple Street Homes. ¿Quién escribe?\"}}]}"));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static synchronized String newPhone() {
    return "+1201556" + nextNumber++;
  }

  /** The {@code <Message>} elements of a TwiML answer. */
  static List<Element> messages(HttpResponse<String> answer) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    Document twiml =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(answer.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(twiml.getDocumentElement().getTagName()).isEqualTo("Response");
    NodeList nodes = twiml.getElementsByTagName("Message");
    List<Element> messages = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      messages.add((Element) nodes.item(i));
    }
    return messages;
  }

  private static JsonNode conversation(String phone) {
    HttpResponse<String> page = app.get("/conversations/" + encode(phone) + "?limit=100");
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    return json(page);
  }

  private static List<JsonNode> outbound(String phone) {
    return StreamSupport.stream(conversation(phone).get("messages").spliterator(), false)
        .filter(m -> m.get("direction").asText().equals("outbound"))
        .toList();
  }

  /** The single {@code <Message>} of the answer to {@code body}, checked against what is stored. */
  private static String onlyReply(String phone, HttpResponse<String> answer) throws Exception {
    List<Element> replies = messages(answer);
    assertThat(replies).hasSize(1);
    Element reply = replies.getFirst();
    List<JsonNode> stored = outbound(phone);
    assertThat(stored).isNotEmpty();
    JsonNode last = stored.getFirst();
    assertThat(last.get("content").asText()).isEqualTo(reply.getTextContent());
    assertThat(reply.getAttribute("method")).isEqualTo("POST");
    assertThat(reply.getAttribute("action"))
        .isEqualTo(
            app.application().publicBaseUrl()
                + "/webhook/twilio/status?message_id="
                + last.get("id").asText());
    assertThat(last.get("to").asText()).isEqualTo(phone);
    assertThat(last.get("from").asText()).isEqualTo(TestApplication.TWILIO_NUMBER);
    assertThat(last.get("segments").asInt()).isPositive();
    assertThat(last.get("encoding").asText()).isIn("GSM-7", "UCS-2");
    return reply.getTextContent();
  }

  @Test
  void help_in_english_gets_the_help_text_with_company_and_contact() throws Exception {
    String phone = newPhone();

    String text = onlyReply(phone, app.inbound(phone, "HELP"));

    assertThat(text)
        .startsWith(COMPANY + ": for help")
        .contains(CONTACT)
        .contains("Reply STOP to opt out");
    JsonNode reply = outbound(phone).getFirst();
    assertThat(reply.get("source").asText()).isEqualTo("compliance");
    JsonNode inbound = conversation(phone).get("messages").get(1);
    assertThat(reply.get("reply_to").asText()).isEqualTo(inbound.get("id").asText());
    assertThat(reply.get("delivery_status").asText()).isEqualTo("queued");
  }

  @Test
  void ayuda_gets_the_spanish_help_text() throws Exception {
    String phone = newPhone();

    String text = onlyReply(phone, app.inbound(phone, "Ayuda"));

    assertThat(text).startsWith(COMPANY + ": para ayuda responde").contains(CONTACT);
  }

  @Test
  void ajuda_gets_the_portuguese_help_text() throws Exception {
    String phone = newPhone();

    String text = onlyReply(phone, app.inbound(phone, "AJUDA"));

    assertThat(text).startsWith(COMPANY + ": para ajuda responda").contains(CONTACT);
  }

  @Test
  void stop_opts_out_and_confirms_and_start_confirms_the_return() throws Exception {
    String phone = newPhone();

    String stopped = onlyReply(phone, app.inbound(phone, "STOP"));

    assertThat(stopped).contains("you are unsubscribed").contains("Reply START");
    assertThat(conversation(phone).at("/conversation/opted_out").asBoolean()).isTrue();

    String started = onlyReply(phone, app.inbound(phone, "START"));

    assertThat(started).contains("you are subscribed again");
    assertThat(conversation(phone).at("/conversation/opted_out").asBoolean()).isFalse();
  }

  @Test
  void a_spanish_stop_word_is_confirmed_in_spanish() throws Exception {
    String phone = newPhone();

    String text = onlyReply(phone, app.inbound(phone, "baja"));

    assertThat(text).contains("te has dado de baja");
  }

  @Test
  void a_keyword_twilio_answered_itself_gets_no_message() throws Exception {
    String phone = newPhone();
    Map<String, String> form = new java.util.LinkedHashMap<>(inboundForm(newSid(), phone, "STOP"));
    form.put("OptOutType", "STOP");

    HttpResponse<String> answer = app.webhook("/webhook/twilio/sms", form);

    assertThat(messages(answer)).isEmpty();
    assertThat(answer.body()).isEqualTo(TestApplication.EMPTY_TWIML);
    assertThat(conversation(phone).at("/conversation/opted_out").asBoolean()).isTrue();
    assertThat(outbound(phone)).isEmpty();
  }

  @Test
  void an_opted_out_conversation_gets_no_auto_reply() throws Exception {
    String phone = newPhone();
    onlyReply(phone, app.inbound(phone, "STOP"));

    assertThat(messages(app.inbound(phone, "is anyone there?"))).isEmpty();
    assertThat(outbound(phone)).hasSize(1);
  }

  @Test
  void the_unknown_sender_rule_answers_once_per_cooldown() throws Exception {
    String phone = newPhone();

    String first = onlyReply(phone, app.inbound(phone, "Hello, my sink is leaking"));
    HttpResponse<String> second = app.inbound(phone, "Hello? Anyone?");

    assertThat(first).isEqualTo(UNKNOWN_SENDER_TEXT);
    JsonNode reply = outbound(phone).getFirst();
    assertThat(reply.get("source").asText()).isEqualTo("auto_reply");
    assertThat(reply.get("reply_rule").asText()).isEqualTo("unknown-sender");
    assertThat(messages(second)).isEmpty();
    assertThat(outbound(phone)).hasSize(1);
  }

  @Test
  void the_rule_answers_in_the_senders_language() throws Exception {
    String phone = newPhone();

    String text =
        onlyReply(phone, app.inbound(phone, "Hola, la llave del baño gotea otra vez, gracias"));

    assertThat(text).isEqualTo("Hola, habla Maple Street Homes. ¿Quién escribe?");
  }

  @Test
  void short_codes_and_alphanumeric_senders_get_no_answer() throws Exception {
    for (String machine : List.of("12345", "VERIZON")) {
      HttpResponse<String> help = app.inbound(machine, "HELP");
      HttpResponse<String> text = app.inbound(machine, "Your bill is ready");

      assertThat(messages(help)).as(machine).isEmpty();
      assertThat(messages(text)).as(machine).isEmpty();
      assertThat(outbound(machine)).as(machine).isEmpty();
    }
  }

  @Test
  void the_sixth_answer_within_an_hour_is_not_sent() throws Exception {
    String phone = newPhone();
    List<Integer> answers = new ArrayList<>();

    for (int i = 0; i < 6; i++) {
      answers.add(messages(app.inbound(phone, "HELP")).size());
    }

    assertThat(answers).containsExactly(1, 1, 1, 1, 1, 0);
    assertThat(outbound(phone)).hasSize(5);
  }

  @Test
  void a_repeated_webhook_gets_the_same_answer_and_stores_nothing_new() throws Exception {
    String phone = newPhone();
    Map<String, String> form = inboundForm(newSid(), phone, "HELP");

    HttpResponse<String> first = app.webhook("/webhook/twilio/sms", form);
    HttpResponse<String> again = app.webhook("/webhook/twilio/sms", form);

    assertThat(messages(first)).hasSize(1);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(conversation(phone).get("messages")).hasSize(2);
  }

  @Test
  void a_replys_delivery_status_reaches_it_through_its_action_url() throws Exception {
    String phone = newPhone();
    onlyReply(phone, app.inbound(phone, "INFO"));
    JsonNode reply = outbound(phone).getFirst();
    String sid = "SM" + "f".repeat(32).substring(0, 30) + (nextNumber % 90 + 10);

    HttpResponse<String> callback = app.status(sid, "delivered", reply.get("id").asText());

    assertThat(callback.statusCode()).isEqualTo(200);
    JsonNode stored = json(app.get("/messages/" + reply.get("id").asText()));
    assertThat(stored.get("delivery_status").asText()).isEqualTo("delivered");
    assertThat(stored.get("twilio_sid").asText()).isEqualTo(sid);
  }
}
