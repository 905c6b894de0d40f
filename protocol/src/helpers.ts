// Type helpers over the generated `Message` union, so code can name
// "the update payload of a grid" instead of spelling the type out.
import type { ComponentType, GlobalClearAllMessage, Message, MessageComponent, MessageType } from './generated/types.js';

/** The message(s) with this component and type, e.g. `MessageOf<'grid', 'update'>`. */
export type MessageOf<C extends MessageComponent, T extends MessageType = MessageType> = Extract<
  Message,
  { component: C; type: T }
>;

/** What a hero sends to a UI. */
export type HeroToUiMessage = Extract<Message, { type: 'spawn' | 'update' | 'remove' }> | GlobalClearAllMessage;

/** What a UI sends back to a hero. */
export type UiToHeroMessage = Extract<Message, { type: 'event' | 'error' }>;

/** Spawn payload of a component (may include `null` where the payload is optional). */
export type SpawnPayloadOf<C extends ComponentType> = Exclude<MessageOf<C, 'spawn'>['payload'], undefined>;

/** Union of the update payloads a component accepts, discriminated by `action`. */
export type UpdatePayloadOf<C extends ComponentType> = MessageOf<C, 'update'>['payload'];

/** Names of the update actions a component accepts. */
export type UpdateActionOf<C extends ComponentType> = UpdatePayloadOf<C>['action'];

/** One update payload, e.g. `UpdateOf<'canvas', 'drawLine'>`. */
export type UpdateOf<C extends ComponentType, A extends UpdateActionOf<C>> = Extract<UpdatePayloadOf<C>, { action: A }>;

/** Event payload of a component (`never` for components without events). */
export type EventPayloadOf<C extends ComponentType> = MessageOf<C, 'event'>['payload'];
