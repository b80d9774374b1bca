/**
 * "Add an article": paste text or choose a file, sent to `POST /api/articles` with the
 * write token; on success the graph is reloaded. Shown only when the server allows writes.
 */
import { api, toRefs, type Ref, type ServerConfig } from './api.js';
import { openArticle } from './reader.js';
import { announce, h, replace, swatch } from './dom.js';
import { nodeColor } from './settings.js';

const TOKEN_KEY = 'newskg.writeToken';

function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

/** A file name for pasted text: the first words, slugged, or a time stamp. */
export function pastedFileName(text: string, now = new Date()): string {
  const words = text
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .slice(0, 6)
    .join('-');
  const stamp = now.toISOString().replace(/[-:]/g, '').slice(0, 15);
  return `${words || 'pasted'}-${stamp}.txt`;
}

interface Added {
  id: string | null;
  headline: string;
  entities: Ref[];
}

/** What the server said it added: `{id, headline, …, entities: [{id, label, type}]}` (fields optional). */
export function readResult(res: unknown): Added {
  const o = (res && typeof res === 'object' ? res : {}) as Record<string, unknown>;
  const article = (o.article && typeof o.article === 'object' ? o.article : o) as Record<string, unknown>;
  const id = typeof article.id === 'string' ? article.id : null;
  const headline = typeof article.headline === 'string' && article.headline ? article.headline : typeof o.name === 'string' ? o.name : (id ?? '');
  return { id, headline, entities: toRefs(o.entities) };
}

export function renderIngest(
  root: HTMLElement,
  config: ServerConfig | null,
  onAdded: (result: unknown) => Promise<void>,
  select: (id: string) => void,
): void {
  if (!config?.writable) {
    replace(
      root,
      h('h2', { class: 'view-title' }, 'Add an article'),
      h('p', null, 'This server is read-only. Start it with a write token to add articles from here.'),
    );
    return;
  }
  const text = h('textarea', { id: 'ingest-text', rows: 12, attrs: { 'aria-describedby': 'ingest-help' }, spellcheck: false });
  const name = h('input', { type: 'text', id: 'ingest-name', placeholder: 'e.g. 2024-03-25_apt31.txt', attrs: { autocomplete: 'off' } });
  const file = h('input', { type: 'file', id: 'ingest-file', accept: '.txt,.html,.htm,.md,text/plain,text/html' });
  const token = h('input', { type: 'password', id: 'ingest-token', value: storedToken(), attrs: { autocomplete: 'off' } });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'ingest-submit' }, 'Add article');
  const result = h('div', { id: 'ingest-result', attrs: { 'aria-live': 'polite' } });

  const form = h(
    'form',
    {
      class: 'ingest-form',
      on: {
        submit: async (e: SubmitEvent) => {
          e.preventDefault();
          let f: File | null = file.files?.[0] ?? null;
          if (!f) {
            const body = text.value;
            if (!body.trim()) {
              replace(result, h('p', { class: 'error' }, 'Paste the article text or choose a file.'));
              return;
            }
            f = new File([body], name.value.trim() || pastedFileName(body), { type: 'text/plain' });
          }
          try {
            sessionStorage.setItem(TOKEN_KEY, token.value);
          } catch {
            /* storage disabled */
          }
          submit.disabled = true;
          replace(result, h('p', { class: 'muted' }, `Reading ${f.name}…`));
          try {
            const res = await api.addArticle(f, token.value);
            const added = readResult(res);
            const msg = added.headline ? `Added “${added.headline}”.` : 'Article added.';
            text.value = '';
            file.value = '';
            name.value = '';
            await onAdded(res);
            replace(
              result,
              h(
                'p',
                { class: 'ok' },
                msg,
                ' The graph is updated. ',
                added.id ? h('button', { type: 'button', class: 'link', id: 'ingest-read', on: { click: () => void openArticle(added.id!) } }, 'Read the article') : null,
              ),
              added.entities.length
                ? h(
                    'div',
                    null,
                    h('p', { class: 'hint' }, `Found ${added.entities.length} ${added.entities.length === 1 ? 'entity' : 'entities'}:`),
                    h(
                      'ul',
                      { class: 'ref-list' },
                      ...added.entities.map((e) =>
                        h('li', null, h('button', { type: 'button', class: 'node-ref', on: { click: () => select(e.id) } }, swatch(nodeColor(e.type ?? '')), e.label)),
                      ),
                    ),
                  )
                : h('p', { class: 'hint' }, 'No entity was found in it.'),
            );
            announce(msg);
          } catch (err) {
            replace(result, h('p', { class: 'error' }, (err as Error).message, (err as { detail?: string }).detail ? ` — ${(err as { detail?: string }).detail}` : ''));
          } finally {
            submit.disabled = false;
          }
        },
      },
    },
    h('p', { id: 'ingest-help', class: 'hint' }, 'Paste the text of a news article (plain text or HTML), or choose a file. The server reads it and adds what it finds to the graph.'),
    h('label', { htmlFor: 'ingest-text' }, 'Article text'),
    text,
    h('label', { htmlFor: 'ingest-name' }, 'File name (optional)'),
    name,
    h('label', { htmlFor: 'ingest-file' }, 'or a file'),
    file,
    h('label', { htmlFor: 'ingest-token' }, 'Write token'),
    token,
    h('div', { class: 'row' }, submit),
    result,
  );
  replace(root, h('h2', { class: 'view-title' }, 'Add an article'), form);
}
