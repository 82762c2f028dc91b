package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the {@code X-Twilio-Signature} of a webhook: HMAC-SHA1, keyed by the auth token, over
 * the URL Twilio called followed by every POST parameter sorted by name as {@code name + value} (a
 * repeated name contributes one {@code name + value} per distinct value, values sorted, as Twilio's
 * Node library computes it), Base64 encoded. The HMAC is over bytes: a name or value contributes
 * the bytes it percent-decodes to, which for every form Twilio builds is its UTF-8 text, and for a
 * body that is not UTF-8 is exactly what a signer of those bytes signed. Used by the verifier, the
 * emulator and anything that posts webhooks as Twilio would. Stateless.
 */
public final class TwilioSignatures {

  private static final String HMAC_SHA1 = "HmacSHA1";

  private TwilioSignatures() {}

  /**
   * One parameter as it enters the signature: ordered by its text, contributing its bytes.
   *
   * @param name the name's text, which orders the parameters
   * @param value the value's text, which orders the values of one name
   */
  record Signed(String name, String value, byte[] nameBytes, byte[] valueBytes) {}

  /** The signature Twilio would send for a POST of {@code form} to {@code url}. */
  public static String sign(String authToken, String url, RawForm form) {
    Objects.requireNonNull(url, "url");
    return Base64.getEncoder()
        .encodeToString(mac(authToken, url, parameterData(ofText(form), true)));
  }

  /**
   * Like {@link #sign(String, String, RawForm)} for a form whose names each occur once, given as
   * text exactly as it is posted (a NUL included, which a {@link RawForm} holds as U+FFFD).
   */
  public static String signSingleValued(String authToken, String url, Map<String, String> params) {
    Objects.requireNonNull(url, "url");
    List<Signed> signed = new ArrayList<>();
    params.forEach(
        (name, value) -> {
          String text = value == null ? "" : value;
          signed.add(
              new Signed(
                  name,
                  text,
                  name.getBytes(StandardCharsets.UTF_8),
                  text.getBytes(StandardCharsets.UTF_8)));
        });
    return Base64.getEncoder().encodeToString(mac(authToken, url, parameterData(signed, true)));
  }

  /**
   * The signature of a POST of exactly {@code body} to {@code url}, whatever its bytes (a NUL,
   * bytes that are not UTF-8, broken escapes): the signature of the bytes its names and values
   * percent-decode to.
   */
  public static String signBody(String authToken, String url, byte[] body) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(body, "body");
    return Base64.getEncoder()
        .encodeToString(mac(authToken, url, parameterData(exact(FormCodec.read(body)), true)));
  }

  /** A form of text: each name and value contributes its UTF-8 bytes. */
  static List<Signed> ofText(RawForm form) {
    List<Signed> params = new ArrayList<>();
    form.asMap()
        .forEach(
            (name, values) -> {
              byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
              for (String value : values) {
                params.add(
                    new Signed(name, value, nameBytes, value.getBytes(StandardCharsets.UTF_8)));
              }
            });
    return params;
  }

  /** A form as received: each name and value contributes the bytes it percent-decoded to. */
  static List<Signed> exact(FormCodec.ParsedForm parsed) {
    return parsed.parameters().stream()
        .map(p -> new Signed(p.nameText(), p.valueText(), p.name(), p.value()))
        .toList();
  }

  /**
   * A form as received, decoded to text first: each ill-formed UTF-8 sequence contributes the UTF-8
   * bytes of U+FFFD, as a validator that sees only the decoded parameters computes it.
   */
  static List<Signed> decoded(FormCodec.ParsedForm parsed) {
    return parsed.parameters().stream()
        .map(
            p ->
                new Signed(
                    p.nameText(),
                    p.valueText(),
                    p.nameText().getBytes(StandardCharsets.UTF_8),
                    p.valueText().getBytes(StandardCharsets.UTF_8)))
        .toList();
  }

  /**
   * The parameters as signed: sorted by name, each value of a name sorted, {@code name + value}
   * with no separators. With {@code distinctValues}, a value repeated under one name counts once
   * (Twilio's Node library signs it so).
   */
  static byte[] parameterData(List<Signed> params, boolean distinctValues) {
    Map<String, List<Signed>> byName = new TreeMap<>();
    for (Signed param : params) {
      byName.computeIfAbsent(param.name(), k -> new ArrayList<>(1)).add(param);
    }
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    for (List<Signed> values : byName.values()) {
      List<Signed> sorted = new ArrayList<>(values);
      sorted.sort(Comparator.comparing(Signed::value));
      if (distinctValues) {
        Map<String, Signed> distinct = new LinkedHashMap<>();
        sorted.forEach(value -> distinct.putIfAbsent(value.value(), value));
        sorted = new ArrayList<>(distinct.values());
      }
      for (Signed value : sorted) {
        data.writeBytes(value.nameBytes());
        data.writeBytes(value.valueBytes());
      }
    }
    return data.toByteArray();
  }

  /** Whether some name repeats a value, so that the distinct-values data differ. */
  static boolean repeatsAValue(List<Signed> params) {
    Map<String, Set<String>> byName = new HashMap<>();
    for (Signed param : params) {
      if (!byName.computeIfAbsent(param.name(), k -> new HashSet<>(2)).add(param.value())) {
        return true;
      }
    }
    return false;
  }

  /** HMAC-SHA1 of {@code url} followed by {@code parameterData}. */
  static byte[] mac(String authToken, String url, byte[] parameterData) {
    Objects.requireNonNull(authToken, "authToken");
    if (authToken.isEmpty()) {
      throw new IllegalArgumentException("an auth token cannot be empty");
    }
    try {
      Mac mac = Mac.getInstance(HMAC_SHA1);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), HMAC_SHA1));
      mac.update(url.getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(parameterData);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      // Every Java platform must provide HmacSHA1, and any non-empty key is valid for it.
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
