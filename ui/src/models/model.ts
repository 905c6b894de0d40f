// What every component model implements. A model holds one instance's
// content outside React; the store bumps the instance's version after each
// successful apply so exactly that component re-renders (style.md T1).
import type { Json } from '../protocol/read';

export interface Model {
  /** Apply one update (protocol.md "update"); throws CommandError if it cannot. */
  apply(action: string, options: Json, payload: Json): void;
}

export interface ModelFactory {
  /** Validate a spawn payload and build the model; throws CommandError. */
  create(payload: Json): Model;
}
