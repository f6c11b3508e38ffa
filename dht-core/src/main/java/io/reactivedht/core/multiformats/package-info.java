/**
 * Multiformats: unsigned varints, multibase text encodings, multihashes, CIDs (whose multihash is
 * the DHT provider key) and a bounds-checked byte reader shared by every hand-written decoder.
 */
@NullMarked
package io.reactivedht.core.multiformats;

import org.jspecify.annotations.NullMarked;
