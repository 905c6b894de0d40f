// label, button and markdown: one text field, `setText {text}`.
import type { Model, ModelFactory, ModelUpdate } from './model';

type TextComponent = 'label' | 'button' | 'markdown';

export class TextModel implements Model<ModelUpdate<TextComponent>> {
  constructor(public text: string) {}

  apply(update: ModelUpdate<TextComponent>): void {
    this.text = update.options.text;
  }
}

export const textFactory: ModelFactory<TextComponent> = {
  create: (payload) => new TextModel(payload.text),
};
