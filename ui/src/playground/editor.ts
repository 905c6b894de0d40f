// The playground's code editor: CodeMirror 6 with Python highlighting, line
// numbers, bracket matching, undo history, search (Ctrl+F) and Python
// indentation; Tab indents, and Escape then Tab leaves the editor (no keyboard
// trap). The line a traceback points at can be marked and jumped to.
import { defaultKeymap, history, historyKeymap, indentWithTab, simplifySelection, temporarilySetTabFocusMode } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, HighlightStyle, indentOnInput, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { Decoration, type DecorationSet, drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';

/** Colours from CSS variables (playground.css), so both themes and a host's colours apply and keep AA contrast. */
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.definitionKeyword, tags.operatorKeyword, tags.moduleKeyword], color: 'var(--pg-keyword)' },
  { tag: [tags.string, tags.special(tags.string)], color: 'var(--pg-string)' },
  { tag: [tags.number, tags.bool, tags.null], color: 'var(--pg-number)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--pg-comment)', fontStyle: 'italic' },
  { tag: [tags.function(tags.definition(tags.variableName)), tags.definition(tags.className)], color: 'var(--pg-definition)' },
]);

const markError = StateEffect.define<number | null>();

/** The line a traceback pointed at; cleared by the next edit. */
const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, transaction) {
    let next = transaction.docChanged ? Decoration.none : marks;
    for (const effect of transaction.effects) {
      if (!effect.is(markError)) continue;
      const line = effect.value;
      next = line === null || line > transaction.state.doc.lines ? Decoration.none : Decoration.set([Decoration.line({ class: 'pg-error-line' }).range(transaction.state.doc.line(line).from)]);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

export interface EditorOptions {
  doc: string;
  /** Accessible name of the editing area. */
  label: string;
  onChange(code: string): void;
  /** Ctrl/Cmd+Enter. */
  onRun(): void;
}

export function createEditor(parent: HTMLElement, options: EditorOptions): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentUnit.of('    '),
        indentOnInput(),
        bracketMatching(),
        highlightSelectionMatches(),
        python(),
        syntaxHighlighting(highlight),
        errorLine,
        keymap.of([
          { key: 'Mod-Enter', run: () => (options.onRun(), true) },
          // Escape lets the next Tab move focus on instead of indenting.
          { key: 'Escape', run: (view) => (simplifySelection(view), temporarilySetTabFocusMode(view), true) },
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
          indentWithTab,
        ]),
        // tabindex: an editable area is focusable anyway; saying so lets checkers see the scroller can be reached by keyboard.
        EditorView.contentAttributes.of({ 'aria-label': options.label, class: 'pg-editor', tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
}

/** Replace the whole text (a new example), keeping undo history. */
export function setCode(view: EditorView, code: string): void {
  if (view.state.doc.toString() === code) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
}

/** Mark line `line` (1-based) as the error's; null clears the mark. */
export function markErrorLine(view: EditorView, line: number | null): void {
  view.dispatch({ effects: markError.of(line) });
}

/** Put the cursor on line `line`, scroll it into view and focus the editor. */
export function jumpToLine(view: EditorView, line: number): void {
  const target = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
  view.dispatch({ selection: { anchor: target.from }, effects: EditorView.scrollIntoView(target.from, { y: 'center' }) });
  view.focus();
}
