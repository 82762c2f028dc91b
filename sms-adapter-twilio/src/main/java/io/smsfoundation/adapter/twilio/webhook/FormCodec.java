package io.smsfoundation.adapter.twilio.webhook;

import io.smsfoundation.domain.message.RawForm;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded}, as Twilio posts it: parameters in the order received,
 * every value of a repeated name (the signature covers all of them), broken percent-escapes and
 * invalid UTF-8 refused rather than guessed. Stateless.
 */
final class FormCodec {

  private FormCodec() {}

  /** A form body or query string that cannot be read. */
  static final class MalformedForm extends Exception {

    private static final long serialVersionUID = 1L;

    MalformedForm(String problem) {
      super(problem, null, false, false);
    }
  }

  /**
   * @throws MalformedForm for text that is not a well-formed UTF-8 form
   */
  static RawForm parse(byte[] body) throws MalformedForm {
    return parse(strictUtf8(body));
  }

  /**
   * @throws MalformedForm for text that is not a well-formed form
   */
  static RawForm parse(String text) throws MalformedForm {
    RawForm.Builder form = RawForm.builder();
    if (text == null || text.isEmpty()) {
      return form.build();
    }
    for (String pair : text.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      if (!name.isEmpty()) {
        form.add(name, value);
      }
    }
    return form.build();
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

  /** Decodes {@code +} as a space and {@code %XX} as bytes of UTF-8. */
  private static String decode(String encoded) throws MalformedForm {
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
          throw new MalformedForm("has a truncated percent-escape");
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new MalformedForm("has an invalid percent-escape");
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

  private static String strictUtf8(byte[] bytes) throws MalformedForm {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException invalid) {
      throw new MalformedForm("is not valid UTF-8");
    }
  }
}
