/**
 * IPNS records (ipfs/specs {@code ipns-record.md}): {@link io.reactivedht.core.ipns.IpnsRecord}
 * creates and signs records (DAG-CBOR {@code data} signed with {@code signatureV2}, optionally with
 * the legacy V1 fields), encodes them to and decodes them from the {@code IpnsEntry} protobuf, and
 * {@link io.reactivedht.core.ipns.IpnsName} gives the DHT routing key {@code /ipns/<binary peer
 * id>}. Verification lives in {@code io.reactivedht.core.validation}.
 */
@NullMarked
package io.reactivedht.core.ipns;

import org.jspecify.annotations.NullMarked;
