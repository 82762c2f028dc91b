package io.smsfoundation.domain.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A webhook's form as the provider posted it: every parameter name in the order it first arrived,
 * with all of its values in the order they arrived, so that a repeated name keeps every value; and,
 * when the adapter that read it kept them, the exact bytes of the request body ({@link #body()}).
 * Kept with the message as its raw payload.
 *
 * <p>Names and values are {@linkplain StorableText storable text}: a NUL or an unpaired surrogate
 * is held as U+FFFD (as are bytes that were not UTF-8, which adapters decode so), so that every
 * store can keep any form a provider can send; the exact body is what is lossless. Immutable and
 * thread-safe; {@link #toString()} names the parameters but never shows a value (values hold phone
 * numbers and message bodies).
 */
public final class RawForm {

  private static final RawForm EMPTY = new RawForm(Map.of(), null);

  private final Map<String, List<String>> fields;
  private final byte[] body;

  private RawForm(Map<String, List<String>> fields, byte[] body) {
    this.fields = fields;
    this.body = body;
  }

  public static RawForm empty() {
    return EMPTY;
  }

  /**
   * A form from names and their values, in the map's iteration order. Two names that become the
   * same storable text share one entry, values in order.
   *
   * @throws IllegalArgumentException when a name has no value
   */
  public static RawForm of(Map<String, ? extends List<String>> fields) {
    Objects.requireNonNull(fields, "fields");
    if (fields.isEmpty()) {
      return EMPTY;
    }
    Builder form = new Builder();
    fields.forEach(
        (name, values) -> {
          Objects.requireNonNull(name, "name");
          if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a form parameter needs at least one value");
          }
          values.forEach(value -> form.add(name, value));
        });
    return form.build();
  }

  /** A form whose names each came once, in the map's iteration order. */
  public static RawForm ofSingleValues(Map<String, String> fields) {
    Objects.requireNonNull(fields, "fields");
    Map<String, List<String>> multi = new LinkedHashMap<>(fields.size() * 2);
    fields.forEach((name, value) -> multi.put(name, List.of(value == null ? "" : value)));
    return of(multi);
  }

  /** Collects parameters one by one, as a parser reads them. Not thread-safe. */
  public static Builder builder() {
    return new Builder();
  }

  /** This form with the exact request body it was read from. */
  public RawForm withBody(byte[] exactBody) {
    Objects.requireNonNull(exactBody, "exactBody");
    return new RawForm(fields, exactBody.clone());
  }

  /**
   * The exact bytes of the request body the form was read from (a copy), or empty when the form was
   * built from names and values only.
   */
  public Optional<byte[]> body() {
    return body == null ? Optional.empty() : Optional.of(body.clone());
  }

  /** The first value of {@code name}, or {@code null} when the form does not have it. */
  public String first(String name) {
    List<String> values = fields.get(name);
    return values == null ? null : values.getFirst();
  }

  /** Every value of {@code name} in arrival order; empty when the form does not have it. */
  public List<String> values(String name) {
    return fields.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return fields.containsKey(name);
  }

  /** The parameter names in the order they first arrived. */
  public Set<String> names() {
    return fields.keySet();
  }

  /** Whether the form has no parameter (it may still have a body that held none). */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Names with all their values, in arrival order; unmodifiable. */
  public Map<String, List<String>> asMap() {
    return fields;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawForm form
        && fields.equals(form.fields)
        && Arrays.equals(body, form.body);
  }

  @Override
  public int hashCode() {
    return 31 * fields.hashCode() + Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "RawForm" + fields.keySet() + (body == null ? "" : " (" + body.length + " bytes)");
  }

  /** Builds a {@link RawForm} from parameters in arrival order. */
  public static final class Builder {

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Adds one value; a name seen before keeps its place and gains the value. Name and value are
     * kept as {@linkplain StorableText storable text}.
     */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      fields
          .computeIfAbsent(StorableText.of(name), k -> new ArrayList<>(1))
          .add(StorableText.of(value));
      return this;
    }

    public RawForm build() {
      if (fields.isEmpty()) {
        return EMPTY;
      }
      Map<String, List<String>> copy = new LinkedHashMap<>(fields.size() * 2);
      fields.forEach((name, values) -> copy.put(name, List.copyOf(values)));
      return new RawForm(Collections.unmodifiableMap(copy), null);
    }
  }
}
