// label, button and markdown: one text field, `setText {text}`.
import { CommandError, type Json, string } from '../protocol/read';
import type { Model, ModelFactory } from './model';

export class TextModel implements Model {
  constructor(public text: string) {}

  apply(action: string, options: Json): void {
    if (action !== 'setText') throw new CommandError(`unknown action "${action}"`);
    this.text = string(options, 'text');
  }
}

export const textFactory: ModelFactory = {
  create: (payload) => new TextModel(string(payload, 'text')),
};
