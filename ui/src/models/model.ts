// What every component model implements. A model holds one instance's
// content outside React; the store bumps the instance's version after each
// successful apply so exactly that component re-renders (style.md T1).
// Messages reach models checked against the schema (transport/incoming.ts),
// so a model reads its typed payload directly and checks only what the schema
// cannot know (a cell inside the grid, a buffer that exists, a viz path).
import type { ChangeParentUpdate, ComponentType, MessageOf, UpdatePayloadOf } from '@sidekick/protocol';
import type { Budget } from '../store/limits';

/** The updates a model applies: every action of its component but changeParent (the store's). */
export type ModelUpdate<C extends ComponentType> = Exclude<UpdatePayloadOf<C>, ChangeParentUpdate>;

/** A component's spawn payload, as the schema allows it (some may be omitted or null). */
export type SpawnPayload<C extends ComponentType> = MessageOf<C, 'spawn'>['payload'];

export interface Model<U = ModelUpdate<ComponentType>> {
  /** Apply one update (protocol.md "update"); throws CommandError if it cannot. */
  apply(update: U): void;
}

/** What a factory knows besides the payload: the new instance's id and the panel-wide budget. */
export interface SpawnContext {
  readonly id: string;
  readonly budget: Budget;
}

/** Builds the model of component(s) C from a spawn payload (typed by payload and update, so one factory can serve several components). */
export type ModelFactory<C extends ComponentType> = Factory<SpawnPayload<C>, ModelUpdate<C>>;

export interface Factory<P, U> {
  /** Build the model; throws CommandError (LimitError past a limit). */
  create(payload: P, context: SpawnContext): Model<U>;
}
