package io.smsfoundation.app.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict {@code application/x-www-form-urlencoded} parser: keeps the parameters in the order
 * received (they are stored as the raw webhook), every value of a repeated name (Twilio's signature
 * covers all of them), and refuses broken percent-escapes and invalid UTF-8 instead of guessing.
 */
final class FormBody {

  private FormBody() {}

  /**
   * @throws ApiError 400 for a body that is not a well-formed UTF-8 form
   */
  static Map<String, List<String>> parse(byte[] body) {
    String text = strictUtf8(body);
    Map<String, List<String>> form = new LinkedHashMap<>();
    if (text.isEmpty()) {
      return form;
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!name.isEmpty()) {
        form.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
    }
    return form;
  }

  /** The first value of each name, in the order received. */
  static Map<String, String> firstValues(Map<String, List<String>> form) {
    Map<String, String> first = new LinkedHashMap<>();
    form.forEach((name, values) -> first.put(name, values.getFirst()));
    return first;
  }

  /** Decodes {@code +} as a space and {@code %XX} as bytes of UTF-8. */
  static String decode(String encoded) {
    if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw malformed("has a truncated percent-escape");
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw malformed("has an invalid percent-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        // copy the plain run up to the next escape whole, so surrogate pairs stay together
        int end = i;
        while (end < encoded.length() && encoded.charAt(end) != '%' && encoded.charAt(end) != '+') {
          end++;
        }
        bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return strictUtf8(bytes.toByteArray());
  }

  /** Decodes bytes that must be valid UTF-8. */
  static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException invalid) {
      throw malformed("is not valid UTF-8");
    }
  }

  private static ApiError malformed(String problem) {
    return ApiError.validation("The form body " + problem, Map.of("body", problem));
  }
}
