/**
 * The article reader: a modal dialog with the text the pipeline read, the evidence
 * sentence marked. The text is inserted as text nodes only (never as HTML), so
 * `<script>` or `<img onerror>` in an article is shown, not run.
 */
import { api } from './api.js';
import { formatDate, h, replace } from './dom.js';

let dialog: HTMLDialogElement | null = null;

function ensureDialog(): HTMLDialogElement {
  if (dialog) return dialog;
  dialog = h('dialog', { id: 'reader', class: 'reader', attrs: { 'aria-labelledby': 'reader-title' } });
  document.body.append(dialog);
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog?.close(); // click on the backdrop
  });
  return dialog;
}

/** Split `text` into [before, marked, after] by character offsets (clamped). */
export function splitAt(text: string, start?: number, end?: number): [string, string, string] {
  if (start == null || end == null || !(end > start)) return [text, '', ''];
  const s = Math.max(0, Math.min(text.length, start));
  const e = Math.max(s, Math.min(text.length, end));
  return [text.slice(0, s), text.slice(s, e), text.slice(e)];
}

export async function openArticle(id: string, mark?: { start: number; end: number; text?: string }): Promise<void> {
  const d = ensureDialog();
  const close = h('button', { type: 'button', class: 'btn reader-close', on: { click: () => d.close() } }, 'Close');
  const body = h('div', { class: 'reader-text', id: 'reader-text', tabIndex: 0 }, 'Loading…');
  replace(d, h('header', { class: 'reader-head' }, h('h2', { id: 'reader-title' }, 'Article'), close), body);
  if (!d.open) d.showModal();
  try {
    const a = await api.article(id);
    replace(
      d,
      h(
        'header',
        { class: 'reader-head' },
        h('div', null, h('h2', { id: 'reader-title' }, a.headline || a.id), h('p', { class: 'reader-meta' }, `${a.outlet || 'unknown outlet'} · ${formatDate(a.date)} · ${a.id}`)),
        close,
      ),
      body,
    );
    let [before, marked, after] = splitAt(a.text ?? '', mark?.start, mark?.end);
    // Offsets that do not match the sentence (text re-read differently): find it instead.
    if (mark?.text && marked.trim() !== mark.text.trim()) {
      const at = (a.text ?? '').indexOf(mark.text);
      [before, marked, after] = at >= 0 ? splitAt(a.text, at, at + mark.text.length) : [a.text ?? '', '', ''];
    }
    const m = marked ? h('mark', { id: 'reader-mark' }, marked) : null;
    replace(body, before, m, after);
    m?.scrollIntoView({ block: 'center' });
    close.focus();
  } catch (e) {
    replace(body, h('p', { class: 'error' }, (e as Error).message));
  }
}
