package io.smsfoundation.adapter.twilio.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smsfoundation.domain.message.Segments;
import io.smsfoundation.domain.phone.PhoneMask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local fake of the part of Twilio's REST API the service uses, for tests, local mode and demos.
 * It answers {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json} (form {@code To}, {@code
 * From} or {@code MessagingServiceSid}, {@code Body} and/or {@code MediaUrl} (repeated, up to 10:
 * an MMS, which may have no body), {@code StatusCallback}), {@code GET .../Messages/{Sid}.json} and
 * {@code GET .../Messages.json} (filters {@code To}, {@code From}, {@code DateSent>}, {@code
 * DateSent<}, paged with {@code PageSize} and {@code next_page_uri}) with Twilio-shaped JSON,
 * {@code GET /2010-04-01/Accounts/{AccountSid}.json} (the account, which health probes fetch),
 * checks HTTP Basic auth (account SID and auth token), and after accepting a message posts status
 * callbacks signed with the auth token, as Twilio does: none for the initial {@code queued}, then
 * {@code sent} after {@link Builder#sentDelay} and {@code delivered} after a further {@link
 * Builder#deliveredDelay}.
 *
 * <p>Scripted outcomes by destination ({@code To}), in the spirit of Twilio's magic test numbers:
 *
 * <table>
 *   <caption>Scripted destination numbers</caption>
 *   <tr><th>To</th><th>Behaviour</th></tr>
 *   <tr><td>{@value #INVALID_NUMBER}</td><td>400, error 21211 (invalid 'To' number); nothing
 *       created</td></tr>
 *   <tr><td>{@value #CANNOT_ROUTE}</td><td>400, error 21612 (cannot route to the number)</td></tr>
 *   <tr><td>{@value #REGION_NOT_ENABLED}</td><td>400, error 21408 (region not enabled)</td></tr>
 *   <tr><td>{@value #UNSUBSCRIBED}</td><td>400, error 21610 (recipient unsubscribed)</td></tr>
 *   <tr><td>{@value #NOT_MOBILE}</td><td>400, error 21614 (not a mobile number)</td></tr>
 *   <tr><td>{@value #THROTTLED}</td><td>429, error 20429, every time; nothing created</td></tr>
 *   <tr><td>{@value #THROTTLED_EVERY_OTHER}</td><td>429, error 20429 on the 1st, 3rd, 5th...
 *       request to it; the 2nd, 4th... are accepted</td></tr>
 *   <tr><td>{@value #SERVER_ERROR_AFTER_CREATE}</td><td>the message <em>is created</em> (counted,
 *       callbacks follow), but the answer is a 500, error 20500</td></tr>
 *   <tr><td>{@value #SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS}</td><td>the same, and no status
 *       callback is ever posted for the message: only Twilio's message list tells what became of
 *       it</td></tr>
 *   <tr><td>{@value #SERVER_ERROR_ONCE_BEFORE_CREATE}</td><td>the first request to it is answered
 *       500, error 20500, and creates nothing; the next ones are accepted</td></tr>
 *   <tr><td>{@value #SLOW_ANSWER}</td><td>the message is created at once, the answer comes after
 *       {@link Builder#slowAnswerDelay} (default 15 s)</td></tr>
 *   <tr><td>{@value #UNDELIVERED}</td><td>accepted, then {@code sent}, then {@code undelivered}
 *       with error 30003</td></tr>
 *   <tr><td>any other E.164 number</td><td>accepted ({@code queued}), then {@code sent}, then
 *       {@code delivered}</td></tr>
 * </table>
 *
 * <p>Also, as Twilio: a {@code To} that is not E.164 is 21211; {@code From} {@value
 * #NOT_OWNED_SENDER} is 21606 (not one of the account's numbers); a missing {@code To}, sender or
 * {@code Body} (and no {@code MediaUrl}) is 21604, 21603, 21602; a body over 1,600 characters is
 * 21617. A message that has settled ({@code delivered}, {@code undelivered}) reports a {@code
 * price} when fetched (see {@link EmulatedMessage#price()}), as Twilio does some time after it
 * settled.
 *
 * <p>It counts requests and created messages, so tests can prove that nothing was sent twice.
 * Thread-safe; {@link #close()} stops it.
 */
public final class TwilioEmulator implements AutoCloseable {

  /** 400, 21211: invalid 'To' number. */
  public static final String INVALID_NUMBER = "+15005550001";

  /** The most pictures one message may carry. */
  private static final int MAX_MEDIA = 10;

  /** 400, 21612: cannot route to the number. */
  public static final String CANNOT_ROUTE = "+15005550002";

  /** 400, 21408: sending to the region is not enabled. */
  public static final String REGION_NOT_ENABLED = "+15005550003";

  /** 400, 21610: the recipient unsubscribed (replied STOP). */
  public static final String UNSUBSCRIBED = "+15005550004";

  /** 400, 21614: not a mobile number. */
  public static final String NOT_MOBILE = "+15005550009";

  /** 429, 20429 every time. */
  public static final String THROTTLED = "+15005550010";

  /** 429, 20429 on every odd-numbered request to it, accepted on the others. */
  public static final String THROTTLED_EVERY_OTHER = "+15005550011";

  /** Created, but answered with a 500. */
  public static final String SERVER_ERROR_AFTER_CREATE = "+15005550012";

  /** Created, answered with a 500, and no status callback ever follows. */
  public static final String SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS = "+15005550015";

  /** 500 on the first request to it, nothing created; accepted afterwards. */
  public static final String SERVER_ERROR_ONCE_BEFORE_CREATE = "+15005550016";

  /** Created, but answered only after the slow-answer delay. */
  public static final String SLOW_ANSWER = "+15005550013";

  /** Accepted, then {@code sent}, then {@code undelivered} with error 30003. */
  public static final String UNDELIVERED = "+15005550014";

  /** A sender the account does not own: 400, 21606. */
  public static final String NOT_OWNED_SENDER = "+15005550007";

  static final String API_VERSION = "2010-04-01";

  /** The sender reported for messages sent through a messaging service. */
  static final String SERVICE_SENDER = "+15005550006";

  private static final Logger log = LoggerFactory.getLogger(TwilioEmulator.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MESSAGES =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
  private static final Pattern MESSAGE =
      Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json");
  private static final Pattern ACCOUNT = Pattern.compile("/2010-04-01/Accounts/([^/]+)\\.json");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern MESSAGING_SERVICE_SID = Pattern.compile("MG[0-9a-fA-F]{32}");
  private static final DateTimeFormatter RFC_2822 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final int MAX_BODY = 1600;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String accountSid;
  private final String authToken;
  private final Duration sentDelay;
  private final Duration deliveredDelay;
  private final Duration slowAnswerDelay;
  private final Clock clock;
  private final HttpServer server;
  private final ExecutorService requestThreads;
  private final ExecutorService lifecycleThreads;
  private final StatusCallbacks callbacks;
  private final String baseUrl;

  private final Map<String, EmulatedMessage> messages = new ConcurrentHashMap<>();
  private final List<String> creationOrder = new CopyOnWriteArrayList<>();
  private final AtomicInteger createRequests = new AtomicInteger();
  private final AtomicInteger everyOtherRequests = new AtomicInteger();
  private final AtomicInteger serverErrorOnceRequests = new AtomicInteger();

  private TwilioEmulator(Builder builder) {
    this.accountSid = builder.accountSid;
    this.authToken = builder.authToken;
    this.sentDelay = builder.sentDelay;
    this.deliveredDelay = builder.deliveredDelay;
    this.slowAnswerDelay = builder.slowAnswerDelay;
    this.clock = builder.clock;
    this.callbacks = new StatusCallbacks(authToken);
    this.requestThreads = Executors.newVirtualThreadPerTaskExecutor();
    this.lifecycleThreads = Executors.newVirtualThreadPerTaskExecutor();
    try {
      this.server = HttpServer.create(new InetSocketAddress(builder.host, builder.port), 0);
    } catch (IOException e) {
      callbacks.close();
      throw new UncheckedIOException("the Twilio emulator could not listen", e);
    }
    server.setExecutor(requestThreads);
    server.createContext("/", this::handle);
    server.start();
    InetAddress bound = server.getAddress().getAddress();
    String host =
        bound.isAnyLocalAddress()
            ? InetAddress.getLoopbackAddress().getHostAddress()
            : builder.host;
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    this.baseUrl = "http://" + host + ":" + server.getAddress().getPort();
    log.info("twilio emulator listening base_url={} account_sid={}", baseUrl, accountSid);
  }

  /** A builder with short callback delays, a random account SID and token, an ephemeral port. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts an emulator with the defaults of {@link #builder()}. */
  public static TwilioEmulator start() {
    return builder().start();
  }

  /** {@code http://host:port}, to be given as {@code TWILIO_API_BASE_URL}. */
  public String baseUrl() {
    return baseUrl;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String accountSid() {
    return accountSid;
  }

  /** The auth token API calls must present and callbacks are signed with. */
  public String authToken() {
    return authToken;
  }

  /** How many message-creating requests arrived, refused and throttled ones included. */
  public int createRequests() {
    return createRequests.get();
  }

  /** How many messages were created. */
  public int messagesCreated() {
    return creationOrder.size();
  }

  /** How many of the messages created carry pictures (MMS). */
  public int mmsCreated() {
    return (int) createdMessages().stream().filter(EmulatedMessage::isMms).count();
  }

  /** Every message created so far, oldest first, as it stands now. */
  public List<EmulatedMessage> createdMessages() {
    List<EmulatedMessage> result = new ArrayList<>();
    for (String sid : creationOrder) {
      result.add(messages.get(sid));
    }
    return result;
  }

  /** The messages created for one destination, oldest first. */
  public List<EmulatedMessage> createdMessagesTo(String to) {
    return createdMessages().stream().filter(m -> m.to().equals(to)).toList();
  }

  public Optional<EmulatedMessage> message(String sid) {
    return Optional.ofNullable(messages.get(sid));
  }

  /** Stops listening and abandons callbacks not yet sent. */
  @Override
  public void close() {
    server.stop(0);
    lifecycleThreads.shutdownNow();
    requestThreads.shutdownNow();
    callbacks.close();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      Matcher collection = MESSAGES.matcher(path);
      Matcher single = MESSAGE.matcher(path);
      Matcher account = ACCOUNT.matcher(path);
      boolean isCollection = collection.matches();
      boolean isSingle = !isCollection && single.matches();
      boolean isAccount = !isCollection && !isSingle && account.matches();
      if (!isCollection && !isSingle && !isAccount) {
        notFound(exchange, path);
        return;
      }
      if (!authenticated(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Twilio API\"");
        error(exchange, 401, 20003, "Authenticate");
        return;
      }
      String pathAccount =
          isCollection ? collection.group(1) : isSingle ? single.group(1) : account.group(1);
      if (!pathAccount.equals(accountSid)) {
        notFound(exchange, path);
        return;
      }
      String method = exchange.getRequestMethod();
      if (isAccount && method.equals("GET")) {
        respond(exchange, 200, account());
      } else if (isCollection && method.equals("POST")) {
        create(exchange);
      } else if (isCollection && method.equals("GET")) {
        list(exchange);
      } else if (isSingle && method.equals("GET")) {
        fetch(exchange, single.group(2), path);
      } else {
        error(exchange, 405, 20004, "Method not allowed");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("twilio emulator failed to answer a request", e);
      error(exchange, 500, 20500, "Internal Server Error");
    }
  }

  private void create(HttpExchange exchange) throws IOException, InterruptedException {
    createRequests.incrementAndGet();
    String encodedForm =
        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> form = parse(encodedForm);
    List<String> mediaUrls = all(encodedForm, "MediaUrl");
    String to = form.get("To");
    String from = blankToNull(form.get("From"));
    String service = blankToNull(form.get("MessagingServiceSid"));
    String body = form.get("Body");
    String statusCallback = blankToNull(form.get("StatusCallback"));
    if (to == null || to.isBlank()) {
      error(exchange, 400, 21604, "A 'To' phone number is required.");
      return;
    }
    if (from == null && service == null) {
      error(exchange, 400, 21603, "A 'From' phone number is required.");
      return;
    }
    if ((body == null || body.isEmpty()) && mediaUrls.isEmpty()) {
      error(exchange, 400, 21602, "Message body is required.");
      return;
    }
    body = body == null ? "" : body;
    if (mediaUrls.size() > MAX_MEDIA) {
      error(exchange, 400, 21623, "Too many media URLs: at most 10 per message.");
      return;
    }
    if (body.length() > MAX_BODY) {
      error(
          exchange, 400, 21617, "The concatenated message body exceeds the 1600 character limit.");
      return;
    }
    if (!E164.matcher(to).matches()) {
      error(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
      return;
    }
    if (from != null && !E164.matcher(from).matches()) {
      error(exchange, 400, 21212, "Invalid 'From' Phone Number: " + from);
      return;
    }
    if (NOT_OWNED_SENDER.equals(from)) {
      error(
          exchange,
          400,
          21606,
          "The 'From' phone number provided is not a valid message-capable Twilio phone number"
              + " for this destination.");
      return;
    }
    if (service != null && !MESSAGING_SERVICE_SID.matcher(service).matches()) {
      error(exchange, 400, 21705, "The Messaging Service Sid is invalid.");
      return;
    }
    Script script = Script.forNumber(to);
    switch (script) {
      case INVALID_NUMBER -> {
        error(exchange, 400, 21211, "Invalid 'To' Phone Number: " + to);
        return;
      }
      case CANNOT_ROUTE -> {
        error(
            exchange,
            400,
            21612,
            "The 'To' phone number is not currently reachable using the 'From' phone number via"
                + " SMS.");
        return;
      }
      case REGION_NOT_ENABLED -> {
        error(
            exchange,
            400,
            21408,
            "Permission to send an SMS has not been enabled for the region indicated by the 'To'"
                + " number.");
        return;
      }
      case UNSUBSCRIBED -> {
        error(exchange, 400, 21610, "Attempt to send to unsubscribed recipient");
        return;
      }
      case NOT_MOBILE -> {
        error(exchange, 400, 21614, "'To' number is not a valid mobile number");
        return;
      }
      case THROTTLED -> {
        error(exchange, 429, 20429, "Too Many Requests");
        return;
      }
      case THROTTLED_EVERY_OTHER -> {
        if (everyOtherRequests.getAndIncrement() % 2 == 0) {
          error(exchange, 429, 20429, "Too Many Requests");
          return;
        }
      }
      case SERVER_ERROR_ONCE_BEFORE_CREATE -> {
        if (serverErrorOnceRequests.getAndIncrement() == 0) {
          error(exchange, 500, 20500, "Internal Server Error");
          return;
        }
      }
      default -> {
        // accepted below
      }
    }
    EmulatedMessage message = accept(to, from, service, body, mediaUrls, statusCallback, script);
    switch (script) {
      case SERVER_ERROR_AFTER_CREATE, SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS ->
          error(exchange, 500, 20500, "Internal Server Error");
      case SLOW_ANSWER -> {
        Thread.sleep(slowAnswerDelay.toMillis());
        respond(exchange, 201, json(message));
      }
      default -> respond(exchange, 201, json(message));
    }
  }

  private EmulatedMessage accept(
      String to,
      String from,
      String service,
      String body,
      List<String> mediaUrls,
      String statusCallback,
      Script script) {
    Instant now = clock.instant();
    EmulatedMessage message =
        new EmulatedMessage(
            newSid(),
            accountSid,
            to,
            from,
            service,
            body,
            mediaUrls,
            statusCallback,
            mediaUrls.isEmpty() ? Segments.of(body).count() : 1,
            "queued",
            null,
            now,
            now);
    messages.put(message.sid(), message);
    creationOrder.add(message.sid());
    log.info(
        "twilio emulator created sid={} to={} script={}",
        message.sid(),
        PhoneMask.mask(to),
        script.name().toLowerCase(Locale.ROOT));
    lifecycleThreads.execute(() -> runLifecycle(message.sid(), script));
    return message;
  }

  /** Moves the message through its statuses and posts a callback for each, as Twilio does. */
  private void runLifecycle(String sid, Script script) {
    try {
      boolean post = script != Script.SERVER_ERROR_AFTER_CREATE_NO_CALLBACKS;
      Thread.sleep(sentDelay.toMillis());
      advance(sid, "sent", null, post);
      Thread.sleep(deliveredDelay.toMillis());
      if (script == Script.UNDELIVERED) {
        advance(sid, "undelivered", 30003, post);
      } else {
        advance(sid, "delivered", null, post);
      }
    } catch (InterruptedException e) {
      // The emulator is closing: remaining callbacks are abandoned.
      Thread.currentThread().interrupt();
    }
  }

  private void advance(String sid, String status, Integer errorCode, boolean post)
      throws InterruptedException {
    EmulatedMessage updated =
        messages.computeIfPresent(sid, (k, m) -> m.withStatus(status, errorCode, clock.instant()));
    if (post && updated != null && updated.statusCallback() != null) {
      callbacks.post(updated);
    }
  }

  private void fetch(HttpExchange exchange, String sid, String path) throws IOException {
    EmulatedMessage message = messages.get(sid);
    if (message == null) {
      notFound(exchange, path);
      return;
    }
    respond(exchange, 200, json(message));
  }

  /** The account resource, as much of it as a health check reads. */
  private Map<String, Object> account() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sid", accountSid);
    json.put("friendly_name", "SMS Foundation emulator");
    json.put("status", "active");
    json.put("type", "Full");
    json.put("uri", "/" + API_VERSION + "/Accounts/" + accountSid + ".json");
    return json;
  }

  /**
   * Twilio's message list: newest first, filtered by {@code To}, {@code From} and the time sent
   * ({@code DateSent>}, {@code DateSent<}: an ISO instant, a UTC date-time as the SDK sends it, or
   * a day; {@code DateSent}: a day), in pages of {@code PageSize} (default 50, at most 1,000), each
   * naming the next with {@code next_page_uri} ({@code Page} and a {@code PageToken} after the last
   * SID of the page).
   */
  private void list(HttpExchange exchange) throws IOException {
    Map<String, String> query = parse(exchange.getRequestURI().getRawQuery());
    String to = query.get("To");
    String from = query.get("From");
    Instant sentAfter = instantOrDay(query.get("DateSent>"), false);
    Instant sentBefore = instantOrDay(query.get("DateSent<"), true);
    Instant sentOn = instantOrDay(query.get("DateSent"), false);
    int pageSize = Math.clamp(integer(query.get("PageSize"), 50), 1, 1_000);
    int pageNumber = Math.max(0, integer(query.get("Page"), 0));
    String token = query.get("PageToken");
    List<EmulatedMessage> matching = new ArrayList<>();
    List<EmulatedMessage> all = createdMessages();
    for (int i = all.size() - 1; i >= 0; i--) {
      EmulatedMessage m = all.get(i);
      Instant sent = dateSent(m);
      boolean matches =
          (to == null || to.equals(m.to()))
              && (from == null || from.equals(m.from()))
              && (sentAfter == null || (sent != null && !sent.isBefore(sentAfter)))
              && (sentBefore == null || (sent != null && sent.isBefore(sentBefore)))
              && (sentOn == null
                  || (sent != null && sent.truncatedTo(ChronoUnit.DAYS).equals(sentOn)));
      if (matches) {
        matching.add(m);
      }
    }
    int start = pageNumber * pageSize;
    if (token != null && token.startsWith("PA")) {
      String afterSid = token.substring(2);
      for (int i = 0; i < matching.size(); i++) {
        if (matching.get(i).sid().equals(afterSid)) {
          start = i + 1;
        }
      }
    }
    start = Math.min(start, matching.size());
    List<EmulatedMessage> slice =
        matching.subList(start, Math.min(matching.size(), start + pageSize));
    List<Map<String, Object>> records = slice.stream().map(this::json).toList();
    String path = exchange.getRequestURI().getRawPath();
    StringBuilder filters = new StringBuilder();
    for (String name : List.of("To", "From", "DateSent>", "DateSent<", "DateSent")) {
      if (query.containsKey(name)) {
        filters.append(encode(name)).append('=').append(encode(query.get(name))).append('&');
      }
    }
    filters.append("PageSize=").append(pageSize);
    String uri = exchange.getRequestURI().toString();
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("messages", records);
    page.put("end", start + Math.max(records.size() - 1, 0));
    page.put("first_page_uri", path + "?" + filters + "&Page=0");
    boolean more = start + records.size() < matching.size();
    page.put(
        "next_page_uri",
        more
            ? path
                + "?"
                + filters
                + "&Page="
                + (pageNumber + 1)
                + "&PageToken=PA"
                + slice.getLast().sid()
            : null);
    page.put("page", pageNumber);
    page.put("page_size", pageSize);
    page.put("previous_page_uri", null);
    page.put("start", start);
    page.put("uri", uri);
    respond(exchange, 200, page);
  }

  /** When the message left for the handset, as {@code date_sent} shows it; null while queued. */
  private static Instant dateSent(EmulatedMessage m) {
    return m.status().equals("queued") ? null : m.dateUpdated();
  }

  /** An ISO instant, or a day ({@code 2026-03-01}: its start, or with {@code dayEnd} the next). */
  private static Instant instantOrDay(String text, boolean dayEnd) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      // the SDK sends the time in UTC without a zone: 2026-03-01T10:15:30
    }
    try {
      return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notADateTime) {
      // a day
    }
    try {
      LocalDate day = LocalDate.parse(value);
      return (dayEnd ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADay) {
      return null;
    }
  }

  private static int integer(String text, int otherwise) {
    try {
      return text == null ? otherwise : Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private Map<String, Object> json(EmulatedMessage m) {
    String uri = "/" + API_VERSION + "/Accounts/" + accountSid + "/Messages/" + m.sid();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("account_sid", m.accountSid());
    json.put("api_version", API_VERSION);
    json.put("body", m.body());
    json.put("date_created", RFC_2822.format(m.dateCreated()));
    json.put("date_sent", m.status().equals("queued") ? null : RFC_2822.format(m.dateUpdated()));
    json.put("date_updated", RFC_2822.format(m.dateUpdated()));
    json.put("direction", "outbound-api");
    json.put("error_code", m.errorCode());
    json.put("error_message", m.errorCode() == null ? null : "Unreachable destination handset");
    json.put("from", m.from());
    json.put("messaging_service_sid", m.messagingServiceSid());
    json.put("num_media", Integer.toString(m.mediaUrls().size()));
    json.put("num_segments", Integer.toString(m.numSegments()));
    json.put("price", m.price() == null ? null : m.price().toPlainString());
    json.put("price_unit", "USD");
    json.put("sid", m.sid());
    json.put("status", m.status());
    json.put("subresource_uris", Map.of("media", uri + "/Media.json"));
    json.put("to", m.to());
    json.put("uri", uri + ".json");
    return json;
  }

  private boolean authenticated(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.substring(6).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    byte[] expected = (accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given);
  }

  /** Every value of the repeated parameter {@code name} of a form, in order. */
  private static List<String> all(String encoded, String name) {
    List<String> values = new ArrayList<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  /** Decodes {@code application/x-www-form-urlencoded} text; the first of repeated names wins. */
  private static Map<String, String> parse(String encoded) {
    Map<String, String> result = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return result;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      result.putIfAbsent(name, value);
    }
    return result;
  }

  private static void notFound(HttpExchange exchange, String path) throws IOException {
    error(exchange, 404, 20404, "The requested resource " + path + " was not found");
  }

  private static void error(HttpExchange exchange, int status, int code, String message)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("code", code);
    json.put("message", message);
    json.put("more_info", "https://www.twilio.com/docs/errors/" + code);
    json.put("status", status);
    respond(exchange, status, json);
  }

  private static void respond(HttpExchange exchange, int status, Object json) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(json);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String newSid() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return "SM" + HexFormat.of().formatHex(bytes);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  /** Configures and starts a {@link TwilioEmulator}. Not thread-safe. */
  public static final class Builder {

    private String host = InetAddress.getLoopbackAddress().getHostAddress();
    private int port;
    private String accountSid = "AC" + HexFormat.of().formatHex(randomBytes());
    private String authToken = HexFormat.of().formatHex(randomBytes());
    private Duration sentDelay = Duration.ofMillis(200);
    private Duration deliveredDelay = Duration.ofMillis(500);
    private Duration slowAnswerDelay = Duration.ofSeconds(15);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The address to listen on; the loopback address by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.port = port;
      return this;
    }

    public Builder accountSid(String accountSid) {
      if (accountSid == null || !accountSid.matches("AC[0-9a-fA-F]{32}")) {
        throw new IllegalArgumentException("the account SID must be AC followed by 32 hex digits");
      }
      this.accountSid = accountSid;
      return this;
    }

    public Builder authToken(String authToken) {
      if (authToken == null || authToken.isBlank()) {
        throw new IllegalArgumentException("the auth token cannot be blank");
      }
      this.authToken = authToken;
      return this;
    }

    /** Time from creation to the {@code sent} callback; 200 ms by default. */
    public Builder sentDelay(Duration sentDelay) {
      this.sentDelay = nonNegative(sentDelay);
      return this;
    }

    /** Time from {@code sent} to the final callback; 500 ms by default. */
    public Builder deliveredDelay(Duration deliveredDelay) {
      this.deliveredDelay = nonNegative(deliveredDelay);
      return this;
    }

    /** How long {@value TwilioEmulator#SLOW_ANSWER} waits to answer; 15 s by default. */
    public Builder slowAnswerDelay(Duration slowAnswerDelay) {
      this.slowAnswerDelay = nonNegative(slowAnswerDelay);
      return this;
    }

    /** The clock of {@code date_created} and {@code date_updated}. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Starts listening; the emulator is ready when this returns. */
    public TwilioEmulator start() {
      return new TwilioEmulator(this);
    }

    private static Duration nonNegative(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("a delay cannot be negative");
      }
      return duration;
    }

    private static byte[] randomBytes() {
      byte[] bytes = new byte[16];
      RANDOM.nextBytes(bytes);
      return bytes;
    }
  }
}
