package io.reactivedht.transport.yamux;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH (issue 14): a yamux Data frame each way with a FIND_NODE answer's size of payload (2 KiB):
 * framing it for the wire, and reading it back as the session's read loop does (header, then the
 * payload chunk).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class YamuxFrameBenchmark {
  private static final int PAYLOAD = 2048;

  private final byte[] payload = new byte[PAYLOAD];
  private byte[] frame = new byte[0];

  /** Frames one payload to read back. */
  @Setup
  public void setUp() {
    frame = write();
  }

  /** The sending side: header and payload in one array. */
  @Benchmark
  public byte[] write() {
    return FrameHeader.of(FrameHeader.DATA, 0, 3, PAYLOAD).encodeWith(payload, 0, PAYLOAD);
  }

  /** The receiving side: the header, then the payload as one chunk. */
  @Benchmark
  public @Nullable Object read() {
    FrameReader reader = new FrameReader();
    ByteBuffer buffered = ByteBuffer.wrap(frame);
    Object header = reader.decode(buffered);
    Object body = reader.decode(buffered);
    return header == null ? null : body;
  }
}
