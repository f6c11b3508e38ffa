// Reads from a Delegated Routing V1 HTTP server with @helia/delegated-routing-v1-http-api-client and prints what it
// got as one JSON object: `node --import ./polyfill.mjs client.mjs <baseUrl> <cid> <peerId> <ipnsName>`.
// Run by HeliaClientTest against the Spring service; exits non-zero (message on stderr) if a call fails.
import { delegatedRoutingV1HttpApiClient } from '@helia/delegated-routing-v1-http-api-client'
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromCID, peerIdFromString } from '@libp2p/peer-id'
import { multihashToIPNSRoutingKey, unmarshalIPNSRecord } from 'ipns'
import { ipnsValidator } from 'ipns/validator'
import { CID } from 'multiformats/cid'

const [baseUrl, cidText, peerIdText, ipnsNameText] = process.argv.slice(2)
if (ipnsNameText == null) {
  console.error('usage: client.mjs <baseUrl> <cid> <peerId> <ipnsName>')
  process.exit(2)
}

const client = delegatedRoutingV1HttpApiClient({ url: baseUrl, timeout: 30_000, cacheTTL: 0 })({ logger: defaultLogger() })
await client.start()

const peerRecord = (record) => ({
  schema: record.Schema,
  id: peerIdFromCID(record.ID).toString(),
  addrs: record.Addrs.map((a) => a.toString()),
  protocols: record.Protocols
})

try {
  const providers = []
  for await (const record of client.getProviders(CID.parse(cidText))) {
    providers.push(peerRecord(record))
  }

  const peerId = peerIdFromString(peerIdText)
  const peers = []
  for await (const record of client.getPeers(peerId)) {
    peers.push(peerRecord(record))
  }

  const name = CID.parse(ipnsNameText)
  const marshalled = await client.getIPNS(name)
  // the client hands back the bytes; check them as a resolver would: signature against the name, expiry
  await ipnsValidator(multihashToIPNSRoutingKey(name.multihash), marshalled)
  const record = unmarshalIPNSRecord(marshalled)

  console.log(JSON.stringify({
    providers,
    peers,
    ipns: { value: record.value, sequence: record.sequence.toString(), validated: true }
  }))
} finally {
  await client.stop()
}
