// @sidekick/protocol: the wire contract shared by the hero library, the relays
// and the UI. See docs/protocol.md.
export * from './generated/types.js';
export { schema } from './generated/schema.js';
export * from './constants.js';
export type * from './helpers.js';
export { decodeFrame } from './decode.js';
export { isMessage, parseMessage, prepareValidator, validateMessage, type ValidationResult } from './validate.js';
export { schemaComponents, schemaMessageTypes, schemaUpdateActions, unionBranches } from './schema-info.js';
export { DEFAULT_SESSION_ID, SESSION_ID_PATTERN, isValidSessionId } from './session-id.js';
