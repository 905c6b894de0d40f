// @sidekick/relay: the relay behaviour as plain TypeScript with no I/O.
export { Relay } from './relay.js';
export { outgoing } from './ports.js';
export type { PeerRegistry, RelayEffect, SendEffect, ForwardEffect, CloseEffect, StoreEffect } from './ports.js';
export { BATCH_PREFIX } from './announce.js';
export type { PeerRecord } from './announce.js';
export { CloseCode, CloseReason, DEFAULT_LIMITS, resolveLimits } from './limits.js';
export type { CloseCodeValue, RelayLimits } from './limits.js';
export { RELAY_ENDPOINT_HELP, parseRequestTarget, upgradeSession } from './request-target.js';
export type { RequestTarget } from './request-target.js';
export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, headersFileText } from './response-headers.js';
export { SESSION_LISTING_PATH } from './session-listing.js';
export type { SessionListing, SessionSummary } from './session-listing.js';
