// Fixed names and numbers of the wire protocol (docs/protocol.md, "Envelope"
// and "system/announce"). Every package takes them from here.
import type { ComponentType, MessageComponent, MessageType, PeerRole, PeerStatus } from './generated/types.js';

/** Id of the implicit top-level column every component lives in unless given a parent. */
export const ROOT_ID = 'root';

/** Value of the reserved envelope field `id`: senders always write 0. */
export const MESSAGE_ID = 0;

/** Port of the local server (`ws://localhost:5163`, UI on `http://localhost:5163`). */
export const DEFAULT_PORT = 5163;

/** Query parameter that picks a session on a relay (`?session=<id>`). */
export const SESSION_QUERY_PARAM = 'session';

/** The ten component types, in the order the docs list them. */
export const COMPONENT_TYPES: readonly ComponentType[] = [
  'button', 'label', 'markdown', 'textbox', 'console', 'grid', 'canvas', 'row', 'column', 'viz',
];

/** Components that hold other components (targets of `parent` and `changeParent`). */
export const CONTAINER_TYPES: readonly ComponentType[] = ['row', 'column'];

/** Every value of the envelope's `component` field. */
export const MESSAGE_COMPONENTS: readonly MessageComponent[] = ['system', 'global', ...COMPONENT_TYPES];

/** Every value of the envelope's `type` field. */
export const MESSAGE_TYPES: readonly MessageType[] = [
  'announce', 'batch', 'clearAll', 'spawn', 'update', 'remove', 'event', 'error',
];

/** Peer roles in `system/announce`. */
export const Role = { Hero: 'hero', Sidekick: 'sidekick' } as const satisfies Record<string, PeerRole>;

/** Peer statuses in `system/announce`. */
export const Status = { Online: 'online', Offline: 'offline' } as const satisfies Record<string, PeerStatus>;
