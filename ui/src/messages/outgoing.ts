// Message shapes the UI sends, and the envelope it reads (protocol.md "Envelope").
import {
  COMPONENT_TYPES,
  CONTAINER_TYPES as CONTAINERS,
  type ComponentType,
  MESSAGE_ID,
  type PeerStatus,
  ROOT_ID,
  type SystemAnnounceMessage,
} from '@sidekick/protocol';

export const UI_VERSION = '0.1.0';

// The component names and the root id are the shared contract's (@sidekick/protocol).
export { ROOT_ID };
export type { ComponentType };
export const CONTAINER_TYPES: ReadonlySet<string> = new Set(CONTAINERS);

export function isComponentType(value: string): value is ComponentType {
  return (COMPONENT_TYPES as readonly string[]).includes(value);
}

// Announce shapes come from the shared contract (@sidekick/protocol).
export type { AnnouncePayload } from '@sidekick/protocol';

export interface EventMessage {
  id: 0;
  component: string;
  type: 'event';
  src: string;
  payload: Record<string, unknown> & { event: string };
}

export interface ErrorMessage {
  id: 0;
  component: string;
  type: 'error';
  src: string;
  payload: { message: string };
}

export function announce(peerId: string, status: PeerStatus): SystemAnnounceMessage {
  return {
    id: MESSAGE_ID,
    component: 'system',
    type: 'announce',
    // This UI takes batch frames (protocol.md "system/batch"); it says so when it comes online.
    payload: { peerId, role: 'sidekick', status, version: UI_VERSION, timestamp: Date.now(), ...(status === 'online' ? { acceptsBatch: true } : {}) },
  };
}

export function eventMessage(component: string, src: string, payload: EventMessage['payload']): EventMessage {
  return { id: MESSAGE_ID, component, type: 'event', src, payload };
}

/**
 * The `component` of an error that answers a message naming no component as a
 * string (a missing, numeric or null `component`, or not an object at all):
 * "global", the protocol's name for the UI as a whole. Heroes route errors by
 * `src`, so the field is only informative; a known name says "this was about no
 * component" better than a stringified value, which could be anything and any size.
 * (`src` likewise falls back to "", "no instance", when the target was not a string.)
 */
export const NO_COMPONENT = 'global';

export function errorMessage(component: string, src: string, message: string): ErrorMessage {
  return { id: MESSAGE_ID, component, type: 'error', src, payload: { message } };
}

/** A peer id unique per page instance. */
export function newPeerId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `sidekick-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
