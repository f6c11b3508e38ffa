package io.reactivedht.transport.multistream;

import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.Frames;
import io.reactivedht.transport.stream.ScriptedByteStream;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH (issue 14): the multistream-select negotiation of a fresh DHT stream, each side, over an
 * in-memory stream whose remote already sent its part (so the figure is the negotiation's own work:
 * line framing, the read pipeline, the answer written, not a socket): the listener reading the
 * header and {@code /ipfs/kad/1.0.0} and echoing both, and the dialer proposing optimistically,
 * writing its first message and reading the echo.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MultistreamBenchmark {
  private static final String KAD = "/ipfs/kad/1.0.0";
  private static final Set<String> SERVED = Set.of(KAD, "/ipfs/id/1.0.0", "/ipfs/ping/1.0.0");
  private static final byte[] PROPOSAL = lines(MultistreamSelect.PROTOCOL_ID, KAD);
  private static final byte[] ECHO_AND_ANSWER = concat(PROPOSAL, new byte[] {1, 42});
  private static final byte[] REQUEST = {1, 7};

  /** The listener: reads the proposal, answers with the header and the protocol. */
  @Benchmark
  public String respond() {
    return MultistreamSelect.respond(new ScriptedByteStream(PROPOSAL), SERVED).block();
  }

  /**
   * The dialer: proposes with its first message, then reads the echo and the answer's first byte.
   */
  @Benchmark
  public byte[] selectOptimistically() {
    ByteStream stream =
        MultistreamSelect.selectOptimistically(new ScriptedByteStream(ECHO_AND_ANSWER), KAD);
    stream.write(REQUEST);
    return stream.read(Frames.exactly(2)).block();
  }

  private static byte[] lines(String... texts) {
    byte[] out = new byte[0];
    for (String text : texts) {
      out = concat(out, MultistreamSelect.encode(text));
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
