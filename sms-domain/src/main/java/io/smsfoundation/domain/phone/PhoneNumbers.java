package io.smsfoundation.domain.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Normalizes phone numbers to E.164 with a default region and computes the ordered lookup variants
 * that a tenant directory is asked for. Thread-safe: build one per default region and share it;
 * libphonenumber's metadata for that region is loaded once, in the constructor.
 */
public final class PhoneNumbers {

  /** Longest canonical key kept verbatim; longer junk is shortened with a hash suffix. */
  static final int MAX_KEY_LENGTH = 64;

  private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
  private static final Pattern ALPHANUMERIC_ID = Pattern.compile("[A-Za-z0-9 &._'-]{1,20}");
  private static final Pattern HAS_LETTER = Pattern.compile("[A-Za-z]");

  /** E.164 allows at most 15 digits; libphonenumber accepts some longer national numbers. */
  private static final int MAX_E164_DIGITS = 15;

  private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
  private final String defaultRegion;

  /**
   * @param defaultRegion ISO 3166 region used for numbers written without a country code, such as
   *     {@code US}
   * @throws IllegalArgumentException when libphonenumber does not know the region
   */
  public PhoneNumbers(String defaultRegion) {
    Objects.requireNonNull(defaultRegion, "defaultRegion");
    this.defaultRegion = defaultRegion.strip().toUpperCase(Locale.ROOT);
    if (!util.getSupportedRegions().contains(this.defaultRegion)) {
      throw new IllegalArgumentException("unknown region: " + defaultRegion);
    }
    // Loads the region's metadata now instead of on the first webhook.
    Phonenumber.PhoneNumber example = util.getExampleNumber(this.defaultRegion);
    if (example != null) {
      util.isValidNumber(example);
    }
  }

  /** A normalizer for the United States, the service's default region. */
  public static PhoneNumbers forUnitedStates() {
    return new PhoneNumbers("US");
  }

  public String defaultRegion() {
    return defaultRegion;
  }

  /**
   * Classifies whatever a carrier put in a sender field. Never throws for non-blank text: a short
   * code, an alphanumeric id or junk becomes an {@link Address} of that kind, keyed by its text.
   *
   * @throws IllegalArgumentException only for {@code null} or blank text, which callers reject as a
   *     missing field before they get here
   */
  public Address classify(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException("an address cannot be blank");
    }
    String text = raw.strip();
    if (SHORT_CODE.matcher(text).matches()) {
      return new Address(text, raw, PhoneNumberKind.SHORT_CODE);
    }
    if (HAS_LETTER.matcher(text).find()) {
      PhoneNumberKind kind =
          ALPHANUMERIC_ID.matcher(text).matches()
              ? PhoneNumberKind.ALPHANUMERIC
              : PhoneNumberKind.UNPARSED;
      return new Address(boundedKey(text), raw, kind);
    }
    Optional<String> e164 = parse(text).flatMap(this::toE164);
    if (e164.isPresent()) {
      return new Address(e164.get(), raw, PhoneNumberKind.E164);
    }
    return new Address(boundedKey(text), raw, PhoneNumberKind.UNPARSED);
  }

  /** The parsed number when {@link #classify} would call the text an E.164 phone number. */
  private Optional<Phonenumber.PhoneNumber> phoneNumberOf(String text) {
    if (SHORT_CODE.matcher(text).matches() || HAS_LETTER.matcher(text).find()) {
      return Optional.empty();
    }
    return parse(text).filter(number -> toE164(number).isPresent());
  }

  /**
   * The strict check for outbound destinations: the number must be valid for its region, not merely
   * possible.
   */
  public Optional<PhoneNumber> parseValid(String raw) {
    if (raw == null || raw.isBlank() || HAS_LETTER.matcher(raw).find()) {
      return Optional.empty();
    }
    return parse(raw.strip())
        .filter(util::isValidNumber)
        .flatMap(this::toE164)
        .map(PhoneNumber::new);
  }

  /**
   * Whether a valid number can receive SMS as far as its numbering plan tells: a mobile number, or
   * one the plan cannot tell from a fixed line (every US and Canadian number is such a {@code
   * FIXED_LINE_OR_MOBILE} number). Fixed lines, toll-free, premium and VoIP numbers are not.
   */
  public boolean isMobile(PhoneNumber number) {
    Objects.requireNonNull(number, "number");
    return parse(number.e164())
        .map(util::getNumberType)
        .map(type -> type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE)
        .orElse(false);
  }

  /**
   * The ordered, distinct variants a directory is asked for: the text as received, E.164, the
   * national number without country code, and the digits only. Parses the text once. Text longer
   * than any address has no variants.
   */
  public List<String> lookupVariants(String raw) {
    Objects.requireNonNull(raw, "raw");
    String text = raw.strip();
    if (text.isEmpty() || text.length() > MAX_KEY_LENGTH) {
      // nothing a directory could match; absurd sender text is not sent anywhere
      return List.of();
    }
    Set<String> variants = new LinkedHashSet<>();
    variants.add(text);
    Optional<Phonenumber.PhoneNumber> number = phoneNumberOf(text);
    if (number.isPresent()) {
      String e164 = format(number.get());
      variants.add(e164);
      variants.add(util.getNationalSignificantNumber(number.get()));
      variants.add(e164.substring(1));
    } else {
      String digits = digitsOf(text);
      if (!digits.isEmpty()) {
        variants.add(digits);
      }
    }
    return List.copyOf(variants);
  }

  private Optional<Phonenumber.PhoneNumber> parse(String text) {
    if (text.length() > MAX_KEY_LENGTH) {
      return Optional.empty();
    }
    try {
      return Optional.of(util.parse(text, defaultRegion));
    } catch (NumberParseException notANumber) {
      return Optional.empty();
    }
  }

  /**
   * The E.164 form of a complete number. A local-only number (no area code) would turn into an
   * invented E.164 string such as {@code +15550123}, and a number longer than 15 digits is not
   * E.164 at all, so neither has one.
   */
  private Optional<String> toE164(Phonenumber.PhoneNumber number) {
    if (util.isPossibleNumberWithReason(number) != ValidationResult.IS_POSSIBLE) {
      return Optional.empty();
    }
    String e164 = format(number);
    return e164.length() - 1 > MAX_E164_DIGITS ? Optional.empty() : Optional.of(e164);
  }

  private String format(Phonenumber.PhoneNumber number) {
    return util.format(number, PhoneNumberFormat.E164);
  }

  private static String digitsOf(String text) {
    StringBuilder digits = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  /** Keeps unique-index keys short: absurdly long sender text is cut and suffixed with a hash. */
  private static String boundedKey(String text) {
    if (text.length() <= MAX_KEY_LENGTH) {
      return text;
    }
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      int cut = MAX_KEY_LENGTH - 17;
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      return text.substring(0, cut) + "~" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK ships SHA-256", impossible);
    }
  }
}
