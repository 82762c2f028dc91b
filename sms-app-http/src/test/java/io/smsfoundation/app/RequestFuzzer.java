package io.smsfoundation.app;

import static io.smsfoundation.app.TestApplication.API_KEY;
import static io.smsfoundation.app.TestApplication.AUTH_TOKEN;

import io.smsfoundation.adapter.twilio.webhook.TwilioSignatures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Generates requests over every endpoint of the service from one seeded random source and sends
 * them as raw HTTP: signed and unsigned webhooks, API calls with and without a key, with NUL, bytes
 * that are not UTF-8, broken and odd percent-escapes, huge names and values, wrong types and media
 * types, odd paths, cursors, methods and headers. Not thread-safe: one per thread.
 */
final class RequestFuzzer {

  private static final String[] PHONES = {
    "+12015550123",
    "2015550124",
    "(201) 555-0125",
    "+44 20 7946 0958",
    "12345",
    "ACME",
    "whatsapp:+12015550126",
    "+",
    "0",
    "++1",
    "1".repeat(40)
  };

  private static final String[] ODD = {
    "\0",
    "a\0b",
    "\uFFFD",
    "😀",
    "Sí señor ½",
    "مرحبا",
    "\u202Eabc",
    "\u0001\u001f\u007f",
    "'; drop table x; --",
    "%",
    "%%",
    "%Z",
    "%u002F",
    "+",
    "&",
    "=",
    "\\",
    "\"",
    "<Response/>",
    "\r\n",
    " ",
    ""
  };

  private static final String[] RAW = {
    "%00",
    "%FF",
    "%C3%28",
    "%E2%82",
    "%ED%A0%80",
    "%F4%90%80%80",
    "%",
    "%Z",
    "%u002F",
    "%2",
    "+",
    "%25",
    "%2B",
    "%26",
    "%3D",
    "%C0%AF",
    "%EF%BB%BF"
  };

  /** One request sent and its answer. */
  record Attempt(String endpoint, String description, int status) {}

  private final TestApplication app;
  private final RawHttp raw;
  private final String base;
  private final Random random;
  private final String metricsToken;
  private final String[] phones;
  private final String[] odd;
  private final List<String> messageIds;
  private final List<String> sids;
  private final Consumer<Attempt> record;
  private final BiConsumer<String, byte[]> accepted;

  /**
   * @param phones numbers to use besides the usual ones (the log scan's, say)
   * @param texts texts to use besides the odd ones (bodies the log must never show)
   * @param messageIds our ids of real outbound messages, for status callbacks
   * @param sids their SIDs
   * @param record told about every request and its status
   * @param accepted told the SID and exact body of every signed inbound webhook answered 200
   */
  RequestFuzzer(
      TestApplication app,
      Random random,
      String metricsToken,
      List<String> phones,
      List<String> texts,
      List<String> messageIds,
      List<String> sids,
      Consumer<Attempt> record,
      BiConsumer<String, byte[]> accepted) {
    this.app = app;
    this.raw = new RawHttp(app.application().port());
    this.base = app.application().publicBaseUrl().toString();
    this.random = random;
    this.metricsToken = metricsToken;
    this.phones = concat(PHONES, phones);
    this.odd = concat(ODD, texts);
    this.messageIds = messageIds;
    this.sids = sids;
    this.record = record;
    this.accepted = accepted;
  }

  private static String[] concat(String[] fixed, List<String> more) {
    List<String> all = new ArrayList<>(List.of(fixed));
    all.addAll(more);
    return all.toArray(String[]::new);
  }

  void run(int count) {
    for (int i = 0; i < count; i++) {
      int kind = random.nextInt(100);
      if (kind < 35) {
        inbound();
      } else if (kind < 50) {
        statusCallback();
      } else if (kind < 62) {
        send();
      } else if (kind < 72) {
        readConversation();
      } else if (kind < 80) {
        readMessage();
      } else if (kind < 88) {
        workflow();
      } else {
        anythingElse();
      }
    }
  }

  // --- generators ------------------------------------------------------------------------

  private boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  /** One of the real messages' ids, or any id when there are none. */
  private String knownMessageId() {
    return messageIds.isEmpty()
        ? UUID.randomUUID().toString()
        : messageIds.get(random.nextInt(messageIds.size()));
  }

  private String sid() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return (chance(80) ? "SM" : "MM") + HexFormat.of().formatHex(bytes);
  }

  /** Text: ordinary, odd, long or huge. */
  private String text() {
    return switch (random.nextInt(8)) {
      case 0 -> "word" + random.nextInt(1000);
      case 1 -> pick(phones);
      case 2 -> pick(odd);
      case 3 -> pick(odd) + "x" + pick(odd) + pick(odd);
      case 4 -> repeat(pick(odd), 1 + random.nextInt(300));
      case 5 -> repeat("n", 1 + random.nextInt(chance(30) ? 60_000 : 2_000));
      case 6 ->
          new String(Character.toChars(0x1F600 + random.nextInt(50)))
              .repeat(1 + random.nextInt(50));
      default -> "Hola, ¿cuándo pasan a arreglar la ducha? " + random.nextInt();
    };
  }

  private static String repeat(String text, int times) {
    return text.isEmpty() ? "" : text.repeat(Math.max(1, Math.min(times, 60_000 / text.length())));
  }

  /** A name or value as it travels in a form: encoded, left raw, or raw junk bytes. */
  private byte[] formPart(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(10)) {
      case 0 -> out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      case 1 -> {
        out.writeBytes(encode(text));
        out.writeBytes(pick(RAW).getBytes(StandardCharsets.US_ASCII));
      }
      case 2 -> {
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
          out.writeBytes(pick(RAW).getBytes(StandardCharsets.US_ASCII));
        }
      }
      case 3 -> {
        byte[] junk = new byte[1 + random.nextInt(20)];
        random.nextBytes(junk);
        for (byte b : junk) {
          if (b != '&' && b != '=') {
            out.write(b);
          }
        }
      }
      default -> out.writeBytes(encode(text));
    }
    return out.toByteArray();
  }

  private static byte[] encode(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static void field(ByteArrayOutputStream form, byte[] name, byte[] value) {
    if (form.size() > 0) {
      form.write('&');
    }
    form.writeBytes(name);
    form.write('=');
    form.writeBytes(value);
  }

  private void plain(ByteArrayOutputStream form, String name, String value) {
    field(form, encode(name), chance(85) ? encode(value) : formPart(value));
  }

  // --- endpoints -------------------------------------------------------------------------

  private void inbound() {
    String sid = chance(85) ? sid() : text();
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    List<Runnable> fields = new ArrayList<>();
    fields.add(() -> plain(form, "MessageSid", sid));
    if (chance(95)) {
      fields.add(() -> plain(form, "From", chance(70) ? pick(phones) : text()));
    }
    if (chance(95)) {
      fields.add(() -> plain(form, "To", chance(90) ? "+15005550006" : text()));
    }
    fields.add(() -> plain(form, "Body", text()));
    fields.add(() -> plain(form, "AccountSid", "AC" + "0".repeat(32)));
    if (chance(20)) {
      fields.add(() -> plain(form, "NumMedia", text()));
      fields.add(() -> plain(form, "MediaUrl0", text()));
    }
    if (chance(15)) {
      fields.add(() -> plain(form, "OptOutType", chance(50) ? "STOP" : text()));
    }
    if (chance(15)) {
      fields.add(() -> plain(form, "NumSegments", text()));
    }
    for (int i = random.nextInt(4); i > 0; i--) {
      fields.add(() -> field(form, formPart(text()), formPart(text())));
    }
    if (chance(10)) {
      fields.add(() -> plain(form, "Body", text()));
    }
    Collections.shuffle(fields, random);
    fields.forEach(Runnable::run);
    if (chance(5)) {
      form.writeBytes(
          pick(new String[] {"&", "&&", "=", "&=x", "%"}).getBytes(StandardCharsets.US_ASCII));
    }
    byte[] body = form.toByteArray();
    String path = "/webhook/twilio/sms";
    int signing = random.nextInt(100);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(
        "Content-Type",
        chance(90)
            ? "application/x-www-form-urlencoded"
            : pick(new String[] {"text/plain", "application/json", ""}));
    boolean signed = signing < 75;
    if (signed) {
      headers.put("X-Twilio-Signature", TwilioSignatures.signBody(AUTH_TOKEN, base + path, body));
    } else if (signing < 90) {
      headers.put("X-Twilio-Signature", Base64.getEncoder().encodeToString(new byte[20]));
    }
    RawHttp.Response response = send("POST", path, headers, body, "inbound");
    if (signed && response.status() == 200 && sid.matches("[SM]M[0-9a-f]{32}")) {
      accepted.accept(sid, body);
    }
  }

  private void statusCallback() {
    String sid =
        chance(50) && !sids.isEmpty()
            ? pick(sids.toArray(String[]::new))
            : chance(70) ? sid() : text();
    StringBuilder path = new StringBuilder("/webhook/twilio/status");
    if (chance(80)) {
      path.append("?message_id=");
      path.append(
          switch (random.nextInt(4)) {
            case 0 -> UUID.randomUUID().toString();
            case 1 ->
                new String(formPart(text()), StandardCharsets.ISO_8859_1)
                    .replaceAll("[^\\x21-\\x7e]", "%20");
            default -> knownMessageId();
          });
    }
    ByteArrayOutputStream form = new ByteArrayOutputStream();
    plain(form, "MessageSid", sid);
    plain(
        form,
        "MessageStatus",
        chance(60)
            ? pick(new String[] {"sent", "delivered", "failed", "undelivered", "read", "queued"})
            : text());
    if (chance(30)) {
      plain(form, "ErrorCode", chance(50) ? "21610" : text());
    }
    for (int i = random.nextInt(3); i > 0; i--) {
      field(form, formPart(text()), formPart(text()));
    }
    byte[] body = form.toByteArray();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (chance(80)) {
      headers.put("X-Twilio-Signature", TwilioSignatures.signBody(AUTH_TOKEN, base + path, body));
    }
    send("POST", path.toString(), headers, body, "status");
  }

  private String jsonValue() {
    return switch (random.nextInt(8)) {
      case 0 -> "null";
      case 1 -> Integer.toString(random.nextInt());
      case 2 -> "[\"" + escape(text()) + "\"]";
      case 3 -> "{\"x\":1}";
      case 4 -> "\"\\u0000\"";
      case 5 -> "\"\\ud800x\"";
      default -> "\"" + escape(text()) + "\"";
    };
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private byte[] jsonBody(String... names) {
    if (chance(8)) {
      return pick(new String[] {
            "", "{", "[]", "null", "{\"a\":1}{", "{\"to\":1,\"to\":2}", "\uFEFF{}"
          })
          .getBytes(StandardCharsets.UTF_8);
    }
    if (chance(3)) {
      byte[] junk = new byte[1 + random.nextInt(100)];
      random.nextBytes(junk);
      return junk;
    }
    StringBuilder json = new StringBuilder("{");
    for (String name : names) {
      if (chance(85)) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append('"')
            .append(name)
            .append("\":")
            .append(
                chance(70)
                    ? "\"" + escape(name.equals("to") ? pick(phones) : text()) + "\""
                    : jsonValue());
      }
    }
    if (chance(10)) {
      json.append(json.length() > 1 ? "," : "")
          .append('"')
          .append(escape(text()))
          .append("\":")
          .append(jsonValue());
    }
    return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, String> api() {
    Map<String, String> headers = new LinkedHashMap<>();
    int auth = random.nextInt(100);
    if (auth < 85) {
      headers.put("Authorization", "Bearer " + API_KEY);
    } else if (auth < 95) {
      headers.put(
          "Authorization",
          pick(new String[] {"Bearer nope", "Basic abc", "Bearer", "bearer  " + API_KEY}));
    }
    return headers;
  }

  private String jsonType() {
    return chance(85)
        ? "application/json"
        : pick(
            new String[] {
              "text/plain",
              "application/json; charset=latin1",
              "application/x-www-form-urlencoded",
              "application/merge-patch+json",
              "*/*"
            });
  }

  private static final String[] RECIPIENTS = {
    "+12015557110", "+12015557111", "(201) 555-7112", "2015557113", "+1 201 555 7114"
  };

  private void send() {
    Map<String, String> headers = api();
    headers.put("Content-Type", jsonType());
    if (chance(40)) {
      // a send that may well be accepted: a real recipient, any text that fits
      String body = text();
      String json =
          "{\"to\":\""
              + pick(RECIPIENTS)
              + "\",\"body\":\""
              + escape(body.length() > 1_600 ? body.substring(0, 1_600) : body)
              + "\"}";
      send("POST", "/sms/send", headers, json.getBytes(StandardCharsets.UTF_8), "send");
      return;
    }
    if (chance(30)) {
      headers.put(
          "Idempotency-Key",
          "k"
              + random.nextInt(200)
              + (chance(10) ? "x".repeat(300) : "")
              + (chance(10) ? "é" : ""));
    }
    send(
        "POST",
        "/sms/send",
        headers,
        jsonBody("to", "conversation_id", "tenant_id", "body"),
        "send");
  }

  private String pathPart() {
    return switch (random.nextInt(6)) {
      case 0 -> new String(encode(pick(phones)), StandardCharsets.US_ASCII);
      case 1 -> pick(phones).replace(" ", "%20");
      case 2 ->
          new String(formPart(text()), StandardCharsets.ISO_8859_1)
              .replaceAll("[^\\x21-\\x7e]", "%20")
              .replace("/", "%2F")
              .replace("?", "%3F")
              .replace("#", "%23");
      case 3 -> pick(RAW) + pick(RAW);
      case 4 -> "1".repeat(1 + random.nextInt(chance(10) ? 9_000 : 100));
      default -> "%2B1201555" + (7100 + random.nextInt(3));
    };
  }

  private String cursor() {
    return switch (random.nextInt(5)) {
      case 0 ->
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ("v1:" + random.nextLong() + ":" + UUID.randomUUID())
                      .getBytes(StandardCharsets.UTF_8));
      case 1 ->
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(
                  ("v1:" + Long.MAX_VALUE + ":" + UUID.randomUUID())
                      .getBytes(StandardCharsets.UTF_8));
      case 2 -> pick(RAW);
      case 3 -> "not-a-cursor";
      default -> Base64.getUrlEncoder().encodeToString(("v1:1:x").getBytes(StandardCharsets.UTF_8));
    };
  }

  private void readConversation() {
    StringBuilder target = new StringBuilder("/conversations/").append(pathPart());
    List<String> query = new ArrayList<>();
    if (chance(40)) {
      query.add("cursor=" + cursor());
    }
    if (chance(40)) {
      query.add(
          "limit="
              + pick(
                  new String[] {"1", "100", "101", "0", "-1", "x", "99999999999", "%00", "1e3"}));
    }
    if (!query.isEmpty()) {
      target.append('?').append(String.join("&", query));
    }
    send(chance(90) ? "GET" : "HEAD", target.toString(), api(), null, "conversation");
  }

  private void readMessage() {
    String id =
        switch (random.nextInt(4)) {
          case 0 -> knownMessageId();
          case 1 -> UUID.randomUUID().toString();
          default -> pathPart();
        };
    send("GET", "/messages/" + id, api(), null, "message");
  }

  private void workflow() {
    Map<String, String> headers = api();
    headers.put("Content-Type", jsonType());
    send(
        "PUT",
        "/conversations/" + pathPart() + "/workflow",
        headers,
        jsonBody("workflow_type", "workflow_id"),
        "workflow");
  }

  private void anythingElse() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (chance(50)) {
      headers.put("Authorization", "Bearer " + (chance(50) ? metricsToken : API_KEY));
    }
    if (chance(10)) {
      headers.put("X-Padding", "p".repeat(9_000));
    }
    if (chance(20)) {
      headers.put("X-Request-Id", pick(new String[] {"id-1", "x".repeat(200), "a b", "é", "%00"}));
    }
    String method =
        pick(
            new String[] {
              "GET", "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "FOO"
            });
    String path =
        pick(
            new String[] {
              "/health",
              "/health/ready",
              "/health/live",
              "/metrics",
              "/",
              "/nope",
              "/webhook/twilio/sms",
              "/sms/send",
              "/conversations",
              "/messages/",
              "/health/" + pathPart(),
              "/" + pathPart(),
              "/health?x=" + pick(RAW),
              "//health",
              "/health/../metrics",
              "/%2e%2e/metrics"
            });
    byte[] body = chance(30) ? jsonBody("x") : null;
    if (body != null) {
      headers.put("Content-Type", jsonType());
    }
    send(method, path, headers, body, "other");
  }

  private RawHttp.Response send(
      String method, String target, Map<String, String> headers, byte[] body, String endpoint) {
    RawHttp.Response response;
    try {
      response = raw.send(method, target, headers, body);
    } catch (RuntimeException failed) {
      // the connection failed without an answer: count it as a server error to look at
      record.accept(new Attempt(endpoint, method + " " + shorten(target) + " -> " + failed, 599));
      return new RawHttp.Response(599, Map.of(), "");
    }
    String description =
        method
            + " "
            + shorten(target)
            + " body "
            + (body == null ? "-" : shorten(new String(body, StandardCharsets.ISO_8859_1)))
            + " -> "
            + shorten(response.body());
    record.accept(new Attempt(endpoint, description, response.status()));
    return response;
  }

  private static String shorten(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "... (" + text.length() + ")";
  }
}
