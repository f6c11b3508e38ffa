package io.reactivedht.core.wire;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Drops the peer entries of a response past a bound before the message is parsed: a 4 MiB answer
 * can hold ~97,000 {@code closerPeers}, and parsing them all costs far more than the k that are
 * used. One scan over the top-level fields copies every field but the entries past the bound, which
 * are skipped without being parsed; the message parser then sees a short message.
 */
final class BoundedEntries {
  /** Field numbers of {@code Message.closerPeers} and {@code Message.providerPeers}. */
  static final int CLOSER_PEERS = 8;

  static final int PROVIDER_PEERS = 9;

  private BoundedEntries() {}

  /**
   * {@code message} with at most {@code maxCloser} closer-peer and {@code maxProviders} provider
   * entries, the first ones; the same array when nothing is dropped.
   *
   * @throws MalformedMessageException if the top-level fields do not scan (the parser would refuse
   *     the message too)
   */
  static byte[] keepFirst(byte[] message, int maxCloser, int maxProviders) {
    try {
      CodedInputStream in = CodedInputStream.newInstance(message);
      ByteArrayOutputStream kept = null;
      int closer = 0;
      int providers = 0;
      int fieldStart = 0;
      while (true) {
        int tag = in.readTag();
        if (tag == 0) {
          break;
        }
        int field = WireFormat.getTagFieldNumber(tag);
        boolean drop =
            (field == CLOSER_PEERS && ++closer > maxCloser)
                || (field == PROVIDER_PEERS && ++providers > maxProviders);
        if (!in.skipField(tag)) {
          break; // an end-group tag: the parser decides
        }
        int fieldEnd = in.getTotalBytesRead();
        if (drop && kept == null) {
          kept = new ByteArrayOutputStream(fieldStart);
          kept.write(message, 0, fieldStart);
        } else if (!drop && kept != null) {
          kept.write(message, fieldStart, fieldEnd - fieldStart);
        }
        fieldStart = fieldEnd;
      }
      return kept == null ? message : kept.toByteArray();
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedMessageException("dht message: malformed protobuf: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new MalformedMessageException("dht message: " + e.getMessage(), e);
    }
  }
}
