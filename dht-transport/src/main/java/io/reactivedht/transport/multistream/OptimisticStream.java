package io.reactivedht.transport.multistream;

import io.reactivedht.transport.stream.ByteStream;
import io.reactivedht.transport.stream.FrameDecoder;
import reactor.core.publisher.Mono;

/**
 * A stream whose protocol was proposed but not confirmed yet: reads wait for (and check) the
 * confirmation.
 */
final class OptimisticStream implements ByteStream {
  private final ByteStream stream;
  private final Mono<Void> confirmation;

  OptimisticStream(ByteStream stream, Mono<Void> confirmation) {
    this.stream = stream;
    this.confirmation = confirmation;
  }

  @Override
  public <T> Mono<T> read(FrameDecoder<T> decoder) {
    return confirmation.then(Mono.defer(() -> stream.read(decoder)));
  }

  @Override
  public Mono<Void> write(byte[] bytes) {
    return stream.write(bytes);
  }

  @Override
  public Mono<Void> closeWrite() {
    return stream.closeWrite();
  }

  @Override
  public void reset() {
    stream.reset();
  }
}
