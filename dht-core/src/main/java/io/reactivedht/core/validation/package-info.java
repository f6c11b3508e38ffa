/**
 * Record validators (libp2p kad-dht Validator/Select): a {@link
 * io.reactivedht.core.validation.Validator} checks a value record for its key at a given time and
 * picks the best of several values; {@link io.reactivedht.core.validation.NamespacedValidator}
 * dispatches on the key's namespace to the {@code pk} ({@link
 * io.reactivedht.core.validation.PublicKeyValidator}) and {@code ipns} ({@link
 * io.reactivedht.core.validation.IpnsValidator}) validators. Failures are {@link
 * io.reactivedht.core.validation.InvalidRecordException}s that say what was wrong.
 */
@NullMarked
package io.reactivedht.core.validation;

import org.jspecify.annotations.NullMarked;
