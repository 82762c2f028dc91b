package io.smsfoundation.domain.message;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A webhook's form exactly as the provider posted it: every parameter name in the order it first
 * arrived, with all of its values in the order they arrived, so that a repeated name keeps every
 * value. Kept with the message as its raw payload. Immutable and thread-safe; {@link #toString()}
 * names the parameters but never shows a value (values hold phone numbers and message bodies).
 */
public final class RawForm {

  private static final RawForm EMPTY = new RawForm(Map.of());

  private final Map<String, List<String>> fields;

  private RawForm(Map<String, List<String>> fields) {
    this.fields = fields;
  }

  public static RawForm empty() {
    return EMPTY;
  }

  /**
   * A form from names and their values, in the map's iteration order.
   *
   * @throws IllegalArgumentException when a name has no value
   */
  public static RawForm of(Map<String, ? extends List<String>> fields) {
    Objects.requireNonNull(fields, "fields");
    if (fields.isEmpty()) {
      return EMPTY;
    }
    Map<String, List<String>> copy = new LinkedHashMap<>(fields.size() * 2);
    fields.forEach(
        (name, values) -> {
          Objects.requireNonNull(name, "name");
          if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("a form parameter needs at least one value");
          }
          copy.put(name, List.copyOf(values));
        });
    return new RawForm(Collections.unmodifiableMap(copy));
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

  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Names with all their values, in arrival order; unmodifiable. */
  public Map<String, List<String>> asMap() {
    return fields;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RawForm form && fields.equals(form.fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "RawForm" + fields.keySet();
  }

  /** Builds a {@link RawForm} from parameters in arrival order. */
  public static final class Builder {

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    private Builder() {}

    /** Adds one value; a name seen before keeps its place and gains the value. */
    public Builder add(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      fields.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      return this;
    }

    public RawForm build() {
      return RawForm.of(fields);
    }
  }
}
