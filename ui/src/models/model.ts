// What every component model implements. A model holds one instance's
// content outside React; the store bumps the instance's version after each
// successful apply so exactly that component re-renders (style.md T1).
import type { Json } from '../protocol/read';
import type { Budget } from '../store/limits';

export interface Model {
  /** Apply one update (protocol.md "update"); throws CommandError if it cannot. */
  apply(action: string, options: Json, payload: Json): void;
}

/** What a factory knows besides the payload: the new instance's id and the panel-wide budget. */
export interface SpawnContext {
  readonly id: string;
  readonly budget: Budget;
}

export interface ModelFactory {
  /** Validate a spawn payload and build the model; throws CommandError (LimitError past a limit). */
  create(payload: Json, context: SpawnContext): Model;
}
