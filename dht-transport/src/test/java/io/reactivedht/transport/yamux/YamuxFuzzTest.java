package io.reactivedht.transport.yamux;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.reactivedht.transport.config.YamuxConfig;
import io.reactivedht.transport.stream.ScriptedByteStream;
import io.reactivedht.transport.stream.StreamEndedException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Fuzzes yamux: the frame reader ({@link FrameReader}, 12-byte headers and Data bodies handed over
 * in chunks) and a whole listener session ({@link YamuxSession}) reading the fuzz input from its
 * transport. Headers decode from any 12 bytes and re-encode to them; a session ends either because
 * the input ran out ({@link StreamEndedException}) or with a protocol error ({@link
 * YamuxException}), never with another exception from its read loop. Regression inputs: {@code
 * YamuxFuzzTestInputs/<method>/}.
 */
class YamuxFuzzTest {
  private static final Logger SESSION_LOG = Logger.getLogger(YamuxSession.class.getName());
  private static final String READ_FAILURE = "yamux session ended by a read failure: ";

  /** The read-loop failures the session logs (at FINE), captured for the property. */
  private static final List<String> FAILURES = new ArrayList<>();

  static {
    SESSION_LOG.setLevel(Level.FINE);
    SESSION_LOG.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message = record.getMessage();
            if (message != null && message.startsWith(READ_FAILURE)) {
              synchronized (FAILURES) {
                FAILURES.add(message.substring(READ_FAILURE.length()));
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  @FuzzTest
  void frames(byte[] data) {
    FrameReader reader = new FrameReader();
    ByteBuffer buffer = ByteBuffer.wrap(data).asReadOnlyBuffer();
    long body = 0;
    Object item;
    while ((item = reader.decode(buffer)) != null) {
      if (item instanceof FrameHeader header) {
        assertThat(body).isZero();
        int end = buffer.position();
        assertThat(header.encode()).isEqualTo(java.util.Arrays.copyOfRange(data, end - 12, end));
        if (header.version() == 0 && header.type() == FrameHeader.DATA) {
          body = header.unsignedLength();
        }
      } else {
        FrameReader.BodyChunk chunk = (FrameReader.BodyChunk) item;
        body -= chunk.bytes().length;
        assertThat(body).isNotNegative();
        assertThat(chunk.last()).isEqualTo(body == 0);
      }
    }
    assertThat(buffer.remaining()).isLessThan(body > 0 ? 1 : FrameHeader.SIZE);
  }

  @FuzzTest
  void session(byte[] data) {
    synchronized (FAILURES) {
      FAILURES.clear();
    }
    ScriptedByteStream transport = new ScriptedByteStream(data);
    List<YamuxStream> accepted = new ArrayList<>();
    YamuxSession session = new YamuxSession(transport, false, YamuxConfig.DEFAULT, accepted::add);
    session.start();
    assertThat(session.isClosed()).isTrue(); // the input is all read synchronously
    synchronized (FAILURES) {
      assertThat(FAILURES)
          .allSatisfy(
              failure ->
                  assertThat(failure)
                      .matches(
                          "("
                              + YamuxException.class.getName()
                              + "|"
                              + StreamEndedException.class.getName()
                              + "): .*"));
    }
  }
}
