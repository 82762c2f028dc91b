package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded}, read as the WHATWG URL Standard reads it and as Twilio
 * posts it: parameters in the order received, every value of a repeated name (the signature covers
 * all of them). Any byte sequence is a form: a {@code %} not followed by two hexadecimal digits is
 * kept as it is, and bytes that are not UTF-8 become U+FFFD in the text, while the exact bytes each
 * name and value percent-decode to are kept for the signature check. Stateless.
 */
final class FormCodec {

  private FormCodec() {}

  /**
   * One parameter: the bytes its name and value percent-decode to, and their text.
   *
   * @param utf8 whether both name and value were well-formed UTF-8 (their text is then exactly
   *     their bytes)
   */
  record Parameter(byte[] name, byte[] value, String nameText, String valueText, boolean utf8) {}

  /**
   * A form read from bytes: the parameters in arrival order, and the same as a {@link RawForm} of
   * storable text (without the exact body, which the caller adds).
   */
  record ParsedForm(List<Parameter> parameters, RawForm form) {

    /** Whether every name and value was well-formed UTF-8. */
    boolean utf8() {
      return parameters.stream().allMatch(Parameter::utf8);
    }
  }

  /** Reads a form body or query string; never fails, whatever the bytes. */
  static ParsedForm read(byte[] body) {
    List<Parameter> parameters = new ArrayList<>();
    RawForm.Builder form = RawForm.builder();
    if (body == null) {
      return new ParsedForm(List.of(), form.build());
    }
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, (byte) '&', start);
      if (end > start) {
        int equals = indexOf(body, (byte) '=', start);
        boolean hasValue = equals < end;
        byte[] name = decode(body, start, hasValue ? equals : end);
        byte[] value = hasValue ? decode(body, equals + 1, end) : new byte[0];
        if (name.length > 0) {
          String nameText = strictUtf8(name);
          String valueText = strictUtf8(value);
          boolean utf8 = nameText != null && valueText != null;
          nameText = nameText == null ? lenientUtf8(name) : nameText;
          valueText = valueText == null ? lenientUtf8(value) : valueText;
          parameters.add(new Parameter(name, value, nameText, valueText, utf8));
          form.add(nameText, valueText);
        }
      }
      start = end + 1;
    }
    return new ParsedForm(List.copyOf(parameters), form.build());
  }

  /** Reads a query string, or nothing for {@code null}. */
  static ParsedForm read(String query) {
    return read(query == null ? null : query.getBytes(StandardCharsets.UTF_8));
  }

  /** The form as a body Twilio would post: every value, names in the form's order. */
  static String encode(RawForm form) {
    StringJoiner body = new StringJoiner("&");
    for (Map.Entry<String, List<String>> field : form.asMap().entrySet()) {
      for (String value : field.getValue()) {
        body.add(
            URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
      }
    }
    return body.toString();
  }

  private static int indexOf(byte[] bytes, byte wanted, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return bytes.length;
  }

  /** {@code +} as a space, {@code %XX} as its byte, anything else (a lone {@code %} too) as is. */
  private static byte[] decode(byte[] bytes, int from, int to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b == '+') {
        out.write(' ');
      } else if (b == '%' && hex(bytes, i + 1, to)) {
        out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toByteArray();
  }

  /** Whether the two bytes at {@code at} (before {@code to}) are hexadecimal digits. */
  private static boolean hex(byte[] bytes, int at, int to) {
    return at + 1 < to
        && Character.digit(bytes[at], 16) >= 0
        && Character.digit(bytes[at + 1], 16) >= 0;
  }

  /** The text of well-formed UTF-8, or {@code null}. */
  private static String strictUtf8(byte[] bytes) {
    try {
      return decoder(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return null;
    }
  }

  /** The text of any bytes, each ill-formed sequence as U+FFFD. */
  private static String lenientUtf8(byte[] bytes) {
    try {
      CharBuffer text = decoder(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes));
      return text.toString();
    } catch (CharacterCodingException impossible) {
      throw new IllegalStateException("a replacing decoder does not fail", impossible);
    }
  }

  private static CharsetDecoder decoder(CodingErrorAction onError) {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(onError)
        .onUnmappableCharacter(onError);
  }
}
