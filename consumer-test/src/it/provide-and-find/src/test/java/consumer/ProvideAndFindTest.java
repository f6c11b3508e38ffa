package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.reactivedht.core.multiformats.Cid;
import org.junit.jupiter.api.Test;

class ProvideAndFindTest {
  @Test
  void theSecondNodeFindsTheFirstAsProvider() {
    Cid cid = Cid.parse("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy");
    ProvideAndFind.Outcome outcome = ProvideAndFind.run(cid);

    assertEquals(outcome.provider(), outcome.found());
  }
}
