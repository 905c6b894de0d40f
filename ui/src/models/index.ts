import type { ComponentType } from '../messages/outgoing';
import { canvasFactory } from './canvas';
import { consoleFactory } from './console';
import { containerFactory } from './container';
import { gridFactory } from './grid';
import type { Factory, ModelUpdate, SpawnPayload } from './model';
import { textFactory } from './text';
import { textboxFactory } from './textbox';
import { vizFactory } from './viz';

export const modelFactories: { readonly [C in ComponentType]: Factory<SpawnPayload<C>, ModelUpdate<C>> } = {
  grid: gridFactory,
  console: consoleFactory,
  canvas: canvasFactory,
  viz: vizFactory,
  label: textFactory,
  markdown: textFactory,
  button: textFactory,
  textbox: textboxFactory,
  row: containerFactory,
  column: containerFactory,
};

export type { Model, ModelFactory, ModelUpdate } from './model';
