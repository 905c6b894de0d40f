// row and column: their children live in the structure; only changeParent
// (handled by the store) applies to them.
import { CommandError } from '../protocol/read';
import type { Model, ModelFactory } from './model';

export class ContainerModel implements Model {
  apply(action: string): void {
    throw new CommandError(`unknown action "${action}" (containers accept only changeParent)`);
  }
}

export const containerFactory: ModelFactory = { create: () => new ContainerModel() };
