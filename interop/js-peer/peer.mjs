// A js-libp2p Kademlia DHT node for the Java interop tests, driven over stdin/stdout with one JSON object a line.
//
// Start: node --import ./polyfill.mjs peer.mjs [--seed HEX32 | --key HEX] [--client] [--port N] [--protocol ID]
// First line out: {"event":"ready","peerId":"...","addrs":["/ip4/127.0.0.1/tcp/N/p2p/..."],"mode":"server"|"client"}
// Then each request line {"id":N,"cmd":"...",...} gets one answer line {"id":N,"ok":true,...} or
// {"id":N,"ok":false,"error":"..."}. Byte values are lowercase hex. See COMMANDS below.
import { createLibp2p } from 'libp2p'
import { tcp } from '@libp2p/tcp'
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { autoNAT } from '@libp2p/autonat'
// js's own AutoNAT v1 protobuf codec (not exported by the package, so by path) to ask a peer as js's client would
import { Message as AutoNatMessage } from './node_modules/@libp2p/autonat/dist/src/pb/index.js'
import { pbStream } from './node_modules/@libp2p/utils/dist/src/index.js'
import { kadDHT, passthroughMapper } from '@libp2p/kad-dht'
import { generateKeyPair, generateKeyPairFromSeed, privateKeyFromProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import { createIPNSRecord, marshalIPNSRecord, unmarshalIPNSRecord, multihashToIPNSRoutingKey } from 'ipns'
import { ipnsValidator } from 'ipns/validator'
import { ipnsSelector } from 'ipns/selector'
import { createInterface } from 'node:readline'

const args = process.argv.slice(2)
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined }
const hex = (bytes) => Buffer.from(bytes).toString('hex')
const unhex = (text) => Uint8Array.from(Buffer.from(text, 'hex'))
const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n')

const privateKey = opt('--seed')
  ? await generateKeyPairFromSeed('Ed25519', unhex(opt('--seed')))
  : opt('--key') ? privateKeyFromProtobuf(unhex(opt('--key'))) : await generateKeyPair('Ed25519')
const clientMode = args.includes('--client')

const node = await createLibp2p({
  privateKey,
  addresses: { listen: [`/ip4/127.0.0.1/tcp/${opt('--port') ?? 0}`] },
  transports: [tcp()],
  connectionEncrypters: [noise()],
  streamMuxers: [yamux()],
  services: {
    identify: identify(),
    ping: ping(),
    autoNAT: autoNAT(),
    dht: kadDHT({
      protocol: opt('--protocol') ?? '/ipfs/kad/1.0.0',
      clientMode,
      peerInfoMapper: passthroughMapper,
      allowQueryWithZeroPeers: true,
      validators: { ipns: ipnsValidator },
      selectors: { ipns: ipnsSelector }
    })
  }
})
const dht = node.services.dht

const peerInfo = (p) => ({ id: p.id.toString(), addrs: (p.multiaddrs ?? []).map(String) })

async function collect (events, pick) {
  const found = []
  for await (const event of events) {
    const value = pick(event)
    if (value !== undefined) found.push(value)
  }
  return found
}

const COMMANDS = {
  // {"cmd":"dial","addr":"/ip4/.../p2p/..."}: connect (identify runs automatically)
  dial: async (req) => { await node.dial(multiaddr(req.addr)); return {} },
  // {"cmd":"routingTable"}: the peer ids in the DHT routing table
  routingTable: async () => ({ peers: [...dht.routingTable.kb.toIterable()].map(p => p.peerId.toString()) }),
  // {"cmd":"connections"}: peers with an open connection
  connections: async () => ({ peers: node.getPeers().map(String) }),
  // {"cmd":"protocols","peer":"..."}: protocols the peer store knows for a peer (learned by identify)
  protocols: async (req) => ({ protocols: (await node.peerStore.get(peerIdFromString(req.peer))).protocols }),
  // {"cmd":"identified","peer":"..."}: what identify told about a peer (peer store: protocols, addresses, metadata)
  identified: async (req) => {
    const peer = await node.peerStore.get(peerIdFromString(req.peer))
    const text = (name) => peer.metadata.has(name) ? new TextDecoder().decode(peer.metadata.get(name)) : null
    return {
      protocols: peer.protocols,
      addrs: peer.addresses.map(a => a.multiaddr.toString()),
      agentVersion: text('AgentVersion'),
      protocolVersion: text('ProtocolVersion')
    }
  },
  // {"cmd":"ping","addr":"/ip4/.../p2p/..."} or {"cmd":"ping","peer":"..."}: one /ipfs/ping/1.0.0 round trip
  ping: async (req) => ({ rttMs: await node.services.ping.ping(req.addr ? multiaddr(req.addr) : peerIdFromString(req.peer)) }),
  // {"cmd":"autonatDial","peer":"..."}: ask a peer, as js's AutoNAT v1 client does, to dial us back at our listen
  // addresses; answers its DIAL_RESPONSE (status as the enum name)
  autonatDial: async (req) => {
    const stream = await node.dialProtocol(peerIdFromString(req.peer), '/libp2p/autonat/1.0.0')
    const messages = pbStream(stream).pb(AutoNatMessage)
    const signal = AbortSignal.timeout(30000)
    const [, response] = await Promise.all([
      messages.write({
        type: AutoNatMessage.MessageType.DIAL,
        dial: { peer: { id: node.peerId.toMultihash().bytes, addrs: node.getMultiaddrs().map(a => a.decapsulateCode(421).bytes) } }
      }, { signal }),
      messages.read({ signal })
    ])
    await stream.close()
    const r = response.dialResponse ?? {}
    return { type: response.type, status: r.status ?? null, statusText: r.statusText ?? null, addr: r.addr == null ? null : multiaddr(r.addr).toString() }
  },
  // {"cmd":"hangUp","peer":"..."}: close every connection to a peer
  hangUp: async (req) => { await node.hangUp(peerIdFromString(req.peer)); return {} },
  // {"cmd":"closestPeers","key":HEX}
  closestPeers: async (req) => ({
    peers: await collect(dht.getClosestPeers(unhex(req.key)), e => e.name === 'FINAL_PEER' ? e.peer.id.toString() : undefined)
  }),
  // {"cmd":"findPeer","peer":"..."}
  findPeer: async (req) => {
    const found = await collect(dht.findPeer(peerIdFromString(req.peer)), e => e.name === 'FINAL_PEER' ? peerInfo(e.peer) : undefined)
    return found.length > 0 ? { peer: found[0] } : { peer: null }
  },
  // {"cmd":"put","key":HEX,"value":HEX}
  put: async (req) => { await collect(dht.put(unhex(req.key), unhex(req.value)), () => undefined); return {} },
  // {"cmd":"get","key":HEX}: every value seen
  get: async (req) => ({ values: await collect(dht.get(unhex(req.key)), e => e.name === 'VALUE' ? hex(e.value) : undefined) }),
  // {"cmd":"provide","cid":"..."}
  provide: async (req) => { await collect(dht.provide(CID.parse(req.cid)), () => undefined); return {} },
  // {"cmd":"findProviders","cid":"..."}
  findProviders: async (req) => {
    const lists = await collect(dht.findProviders(CID.parse(req.cid)), e => e.name === 'PROVIDER' ? e.providers.map(peerInfo) : undefined)
    const seen = new Map()
    for (const p of lists.flat()) seen.set(p.id, p)
    return { providers: [...seen.values()] }
  },
  // {"cmd":"publishIpns","value":"/ipfs/...","sequence":N,"lifetimeMs":N}: publish an IPNS record for this node's key
  publishIpns: async (req) => {
    const record = await createIPNSRecord(privateKey, req.value, BigInt(req.sequence ?? 1), req.lifetimeMs ?? 3600000)
    const key = multihashToIPNSRoutingKey(node.peerId.toMultihash())
    await collect(dht.put(key, marshalIPNSRecord(record)), () => undefined)
    return { key: hex(key), record: hex(marshalIPNSRecord(record)) }
  },
  // {"cmd":"resolveIpns","peer":"..."}: the best IPNS record found for a peer's name
  resolveIpns: async (req) => {
    const key = multihashToIPNSRoutingKey(peerIdFromString(req.peer).toMultihash())
    const values = await collect(dht.get(key), e => e.name === 'VALUE' ? e.value : undefined)
    if (values.length === 0) return { value: null }
    const best = values[ipnsSelector(key, values)]
    const record = unmarshalIPNSRecord(best)
    return { value: record.value, sequence: Number(record.sequence) }
  },
  // {"cmd":"setMode","mode":"client"|"server"}
  setMode: async (req) => { await dht.setMode(req.mode); return {} },
  // {"cmd":"stop"}
  stop: async () => { await node.stop(); setTimeout(() => process.exit(0), 10); return {} }
}

await node.start()
out({ event: 'ready', peerId: node.peerId.toString(), addrs: node.getMultiaddrs().map(String), mode: dht.getMode() })

const lines = createInterface({ input: process.stdin })
lines.on('line', async (line) => {
  let req
  try { req = JSON.parse(line) } catch (e) { out({ ok: false, error: 'bad json: ' + e.message }); return }
  const command = COMMANDS[req.cmd]
  if (command === undefined) { out({ id: req.id, ok: false, error: 'unknown command ' + req.cmd }); return }
  try {
    out({ id: req.id, ok: true, ...(await command(req)) })
  } catch (e) {
    out({ id: req.id, ok: false, error: String(e?.message ?? e) })
  }
})
lines.on('close', async () => { await node.stop(); process.exit(0) })
