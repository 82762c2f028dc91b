package io.smsfoundation.domain.language;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/**
 * How likely a word is as English, as Spanish only, as Portuguese only, or as a word both Spanish
 * and Portuguese spell that way: a character model of order 5 trained on the dictionaries
 * (scripts/lang/build_tables.py, docs/language.md). Loaded once from the class path on first use
 * and read-only afterwards, so safe from any thread.
 */
final class Vocabulary {

  static final int EN = 0;
  static final int ES = 1;
  static final int PT = 2;
  static final int ES_PT = 3;
  static final int CLASSES = 4;

  private static final String RESOURCE = "vocabulary.bin.gz";
  private static final int FORMAT = 1;
  private static final int START = 1;
  private static final int END = 2;
  private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz" + "áàâãéêíóôõúüçñ";
  private static final int OTHER = 3 + LETTERS.length();

  /** Cost of a symbol even the unigrams never saw, in nats. */
  private static final double UNSEEN_NATS = 4.0;

  private final int order;
  private final int unseen;
  private final double unitsPerNat;
  private final int mask;
  private final int[] keys;
  private final long[] values;

  private Vocabulary(int order, double unitsPerNat, int[] keys, long[] values) {
    this.order = order;
    this.unitsPerNat = unitsPerNat;
    this.unseen = (int) Math.round(UNSEEN_NATS * unitsPerNat);
    this.mask = keys.length - 1;
    this.keys = keys;
    this.values = values;
  }

  /** The shared model, loaded by the JVM's class initialisation on first use. */
  static Vocabulary shared() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    private static final Vocabulary INSTANCE = load();
  }

  /**
   * Writes into {@code logLikelihood} the natural log-likelihood of the lower-case {@code word}
   * under each class ({@link #EN}, {@link #ES}, {@link #PT}, {@link #ES_PT}).
   */
  void score(String word, double[] logLikelihood) {
    int en = 0;
    int es = 0;
    int pt = 0;
    int both = 0;
    int history = START;
    int seen = 1;
    int n = word.length();
    for (int i = 0; i <= n; i++) {
      int symbol = i < n ? symbol(word.charAt(i)) : END;
      history = ((history << 6) | symbol) & 0x3FFF_FFFF;
      seen = Math.min(seen + 1, order);
      // The longest stored n-gram ending here gives the probability; each longer one missing
      // costs the back-off weight its context stored (ARPA style).
      int length = seen;
      while (true) {
        int gram = history & ((1 << (6 * length)) - 1);
        int slot = find(gram);
        if (slot >= 0) {
          long found = values[slot];
          en += (int) (found >>> 56);
          es += (int) ((found >>> 48) & 0xFF);
          pt += (int) ((found >>> 40) & 0xFF);
          both += (int) ((found >>> 32) & 0xFF);
          break;
        }
        if (length == 1) {
          en += unseen;
          es += unseen;
          pt += unseen;
          both += unseen;
          break;
        }
        int context = find(gram >>> 6);
        if (context >= 0) {
          long backoff = values[context];
          en += (int) ((backoff >>> 24) & 0xFF);
          es += (int) ((backoff >>> 16) & 0xFF);
          pt += (int) ((backoff >>> 8) & 0xFF);
          both += (int) (backoff & 0xFF);
        }
        length--;
      }
    }
    logLikelihood[EN] = -en / unitsPerNat;
    logLikelihood[ES] = -es / unitsPerNat;
    logLikelihood[PT] = -pt / unitsPerNat;
    logLikelihood[ES_PT] = -both / unitsPerNat;
  }

  /**
   * The slot of an n-gram, or -1. Each value holds four bytes of -log(probability) of the n-gram's
   * last symbol after the others, one per class, then four bytes of the back-off weight it gives as
   * a context, all in units of 1/{@code unitsPerNat} nat.
   */
  private int find(int key) {
    int slot = (key * 0x9E37_79B9) >>> Integer.numberOfLeadingZeros(mask);
    while (true) {
      int k = keys[slot];
      if (k == key) {
        return slot;
      }
      if (k == 0) {
        return -1;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static int symbol(char c) {
    if (c >= 'a' && c <= 'z') {
      return 3 + (c - 'a');
    }
    int i = LETTERS.indexOf(c, 26);
    return i >= 0 ? 3 + i : OTHER;
  }

  private static Vocabulary load() {
    try (InputStream raw = Vocabulary.class.getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException("missing class-path resource " + RESOURCE);
      }
      DataInputStream in = new DataInputStream(new GZIPInputStream(raw, 1 << 16));
      if (in.readInt() != 0x534D_5356 || in.readInt() != FORMAT) {
        throw new IllegalStateException(
            RESOURCE + " is not a vocabulary table of format " + FORMAT);
      }
      int order = in.readInt();
      int classes = in.readInt();
      double unitsPerNat = in.readFloat();
      int entries = in.readInt();
      if (order < 1 || order > 5 || classes != CLASSES || entries <= 0) {
        throw new IllegalStateException(RESOURCE + " has an unexpected shape");
      }
      // A load factor below 0.8 keeps linear probing short.
      int capacity = Integer.highestOneBit((int) (entries / 0.8)) << 1;
      int[] keys = new int[capacity];
      long[] values = new long[capacity];
      int mask = capacity - 1;
      for (int e = 0; e < entries; e++) {
        int key = in.readInt();
        long value = in.readLong();
        int slot = (key * 0x9E37_79B9) >>> Integer.numberOfLeadingZeros(mask);
        while (keys[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        values[slot] = value;
      }
      return new Vocabulary(order, unitsPerNat, keys, values);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
