// label, button and markdown.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';
import { TextModel } from '../models/text';
import { usePanel, useInstanceVersion } from './context';

function useText(id: string): string {
  const { store } = usePanel();
  useInstanceVersion(id);
  return store.model(id, TextModel)?.text ?? '';
}

export function LabelView({ id }: { id: string }) {
  return <p className="sk-label" data-sk-id={id}>{useText(id)}</p>;
}

export function ButtonView({ id }: { id: string }) {
  const { sendEvent, interactive } = usePanel();
  const text = useText(id);
  return (
    <button type="button" className="sk-button" data-sk-id={id} disabled={!interactive} onClick={() => sendEvent('button', id, { event: 'click' })}>
      {text}
    </button>
  );
}

// Links in a hero's Markdown open in a new tab, so clicking one never navigates the panel away.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.hasAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * Markdown to HTML with every script and handler stripped (a hero's text is
 * untrusted). Styles and forms go too: a `<style>` block or a `style`
 * attribute could restyle or cover the whole panel, and submitting a form
 * would navigate the panel away.
 */
export function renderMarkdown(source: string): string {
  const html = marked.parse(source, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form'], FORBID_ATTR: ['style'] });
}

export function MarkdownView({ id }: { id: string }) {
  const text = useText(id);
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div className="sk-markdown" data-sk-id={id} dangerouslySetInnerHTML={{ __html: html }} />;
}
