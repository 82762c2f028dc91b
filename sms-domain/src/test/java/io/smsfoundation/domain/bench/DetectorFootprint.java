package io.smsfoundation.domain.bench;

import io.smsfoundation.domain.language.LanguageDetector;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;

/**
 * Estimates the heap a {@link LanguageDetector} holds: used heap after the first one (which loads
 * whatever tables detectors share) and after 50 more, each read after asking for full collections.
 * An approximation, good enough to tell kilobytes from megabytes.
 */
public final class DetectorFootprint {

  private static final int INSTANCES = 50;

  private DetectorFootprint() {}

  public static void main(String[] args) {
    long base = usedHeapAfterGc();
    // the first detector and its first texts load whatever tables detectors share, which may
    // happen lazily on the first detect() rather than in the constructor
    LanguageDetector first = new LanguageDetector();
    // the short texts include everyday words, which load the vocabulary model
    for (String text : LanguageDetectorBenchmark.TEXTS) {
      first.detect(text);
    }
    for (String text : LanguageDetectorBenchmark.SHORT_TEXTS) {
      first.detect(text);
    }
    long afterFirst = usedHeapAfterGc();
    List<LanguageDetector> more = new ArrayList<>(INSTANCES);
    for (int i = 0; i < INSTANCES; i++) {
      more.add(new LanguageDetector());
    }
    long afterMore = usedHeapAfterGc();
    System.out.printf(
        "first LanguageDetector, with shared tables: about %,d bytes%n", afterFirst - base);
    System.out.printf(
        "each further LanguageDetector: about %,d bytes (%d built)%n",
        (afterMore - afterFirst) / INSTANCES, more.size());
    Reference.reachabilityFence(first);
    Reference.reachabilityFence(more);
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    // several rounds: one System.gc() may leave garbage that a second one collects
    for (int round = 0; round < 5; round++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
