package io.smsfoundation.domain.bench;

import io.smsfoundation.domain.language.LanguageDetector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per inbound message of language detection. {@code detect}: each operation is one text of a
 * mix of SMS texts in English, Spanish and Portuguese, and texts without evidence, from one word to
 * a long message. {@code detectShort}: one text of 1-3 words, half of them SMS replies the word
 * lists know, half everyday words they do not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LanguageDetectorBenchmark {

  static final String[] TEXTS = {
    "ok",
    "STOP",
    "yes",
    "sí",
    "sim",
    "thanks!",
    "gracias",
    "obrigado",
    "👍",
    "$1,250.00",
    "when is the rent due?",
    "cuándo hay que pagar la renta?",
    "quando vence o aluguel?",
    "the sink in the kitchen is leaking again",
    "el fregadero de la cocina está goteando otra vez",
    "a pia da cozinha está vazando de novo",
    "can u send me the receipt pls",
    "me puedes mandar el recibo xfa",
    "vc pode me mandar o recibo pfv",
    "Hi, I paid yesterday through the portal but it still shows a balance. Can you check it"
        + " and let me know? Thanks, apartment 4B",
    "Hola, pagué ayer por el portal pero todavía aparece un saldo. ¿Pueden revisarlo y"
        + " avisarme? Gracias, departamento 4B",
    "Olá, paguei ontem pelo portal mas ainda aparece um saldo. Vocês podem verificar e me"
        + " avisar? Obrigado, apartamento 4B",
    "no",
    "123 Main St"
  };

  static final String[] SHORT_TEXTS = {
    "ok",
    "STOP",
    "yes",
    "sí",
    "sim",
    "thanks!",
    "gracias",
    "obrigado",
    "👍",
    "no",
    "ok gracias",
    "tudo bem",
    "see you tomorrow",
    "muchas gracias",
    "valeu demais",
    "Ok Gabriela",
    "silenciosa",
    "concorrer",
    "orçado",
    "ventanilla",
    "desculpas",
    "insurance",
    "carpintero",
    "vizinhança",
    "cumpleaños feliz",
    "agendamento confirmado",
    "noisy upstairs",
    "reclamo pendiente",
    "fechadura emperrada",
    "tubería congelada",
    "muy amable",
    "falo amanhã"
  };

  private final LanguageDetector detector = new LanguageDetector();

  @Benchmark
  @OperationsPerInvocation(24)
  public void detect(Blackhole blackhole) {
    for (String text : TEXTS) {
      blackhole.consume(detector.detect(text));
    }
  }

  @Benchmark
  @OperationsPerInvocation(32)
  public void detectShort(Blackhole blackhole) {
    for (String text : SHORT_TEXTS) {
      blackhole.consume(detector.detect(text));
    }
  }
}
