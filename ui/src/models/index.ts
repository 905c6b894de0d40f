import type { ComponentType } from '../protocol/messages';
import { canvasFactory } from './canvas';
import { consoleFactory } from './console';
import { containerFactory } from './container';
import { gridFactory } from './grid';
import type { ModelFactory } from './model';
import { textFactory } from './text';
import { textboxFactory } from './textbox';
import { vizFactory } from './viz';

export const modelFactories: Record<ComponentType, ModelFactory> = {
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

export type { Model, ModelFactory } from './model';
