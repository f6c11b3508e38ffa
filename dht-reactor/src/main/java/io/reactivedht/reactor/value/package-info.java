/**
 * The results and errors of value records: a record as one peer returned it ({@link
 * io.reactivedht.reactor.value.ReceivedRecord}), the outcome of a search with its corrections
 * ({@link io.reactivedht.reactor.value.ValueResult}), of a put ({@link
 * io.reactivedht.reactor.value.PutResult}), and the typed failures {@link
 * io.reactivedht.reactor.value.ValueNotFoundException} and {@link
 * io.reactivedht.reactor.value.OutdatedRecordException}.
 */
@NullMarked
package io.reactivedht.reactor.value;

import org.jspecify.annotations.NullMarked;
