// row and column: their children live in the structure; only changeParent
// (handled by the store) applies to them, so a container model has nothing to do.
import type { Model, ModelFactory, ModelUpdate } from './model';

export class ContainerModel implements Model<ModelUpdate<'row' | 'column'>> {
  apply(_update: ModelUpdate<'row' | 'column'>): void {}
}

export const containerFactory: ModelFactory<'row' | 'column'> = { create: () => new ContainerModel() };
