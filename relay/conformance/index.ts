// @sidekick/relay/conformance: the relay contract suite both hosts run.
export { defineRelayConformance, frameOfBytes } from './suite.js';
export { CONFORMANCE_LIMITS } from './host.js';
export type { RelayHost, RelayHostCapabilities, StartRelayHost } from './host.js';
export { TestPeer, RefusedError, announceOf, announceFrame } from './client.js';
export { RawPeer, encodeFrame, Opcode } from './raw-peer.js';
export type { FrameSpec, RawEnd } from './raw-peer.js';
export { defineEdgeFuzz } from './edge-fuzz.js';
export type { EdgeFuzzOptions, FuzzHost } from './edge-fuzz.js';
export { SECRET_FILE, SECRET_TEXT, edgeCorpus } from './edge-corpus.js';
export type { FuzzCase } from './edge-corpus.js';
