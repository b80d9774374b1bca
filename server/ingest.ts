/**
 * Live ingest: POST /api/articles annotates one article and adds it (the same name again
 * replaces it); DELETE /api/articles/:id removes it and what only it supported. Both
 * need the bearer token; bodies are limited to maxBodyBytes.
 *
 * Bodies: JSON {name?, text? | html?}; multipart with a `file` (or `text`/`html` and
 * `name` fields); or a raw text/plain or text/html body with ?name=.
 */
import { createHash } from 'node:crypto';
import express, { Router, type Request } from 'express';
import multer from 'multer';
import type { KnowledgeGraph } from './state.js';
import { rateLimiter, requireWriteToken } from './guards.js';
import { BadRequestError, UnsupportedMediaTypeError } from './errors.js';
import { articleIndex } from './graph-api.js';

const EVENT_TYPES = new Set(['accusation', 'response']);

export interface IngestOptions {
  writeToken: string;
  maxBodyBytes: number;
  rateLimitPerMinute: number;
}

/** A safe file name: the base name, letters, digits, dot, dash and underscore. */
export function safeName(name: string | undefined, data: Buffer, html: boolean): string {
  const ext = html ? '.html' : '.txt';
  if (name === undefined || name.trim() === '') return `posted-${createHash('sha256').update(data).digest('hex').slice(0, 16)}${ext}`;
  const base = name.split(/[\\/]/).pop()!.trim();
  const clean = base.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 120);
  if (!clean) throw new BadRequestError(`the name ${JSON.stringify(name)} has no usable characters; use letters, digits, '.', '-' or '_'`, 'bad-name');
  return /\.[A-Za-z0-9]{1,5}$/.test(clean) ? clean : clean + ext;
}

function str(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BadRequestError(`${field} must be a string`, 'bad-body');
  return v;
}

/** The article in a request: its name and bytes. */
export function articleFromRequest(req: Request): { name: string; data: Buffer } {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const file = (req as Request & { file?: Express.Multer.File }).file;
  if (file) return { name: safeName(str(req.body?.name, 'name') ?? file.originalname, file.buffer, /html?$/i.test(file.originalname) || file.mimetype === 'text/html'), data: file.buffer };
  if (type === 'application/json' || type === 'multipart/form-data') {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = str(body.text, 'text');
    const html = str(body.html, 'html');
    if ((text === undefined) === (html === undefined))
      throw new BadRequestError('send the article as exactly one of "text" or "html" (or a multipart "file"), with an optional "name"', 'bad-body');
    const data = Buffer.from((text ?? html)!, 'utf8');
    if (!data.length) throw new BadRequestError('the article is empty', 'bad-body');
    return { name: safeName(str(body.name, 'name'), data, html !== undefined), data };
  }
  if (type === 'text/plain' || type === 'text/html') {
    const data = Buffer.isBuffer(req.body) ? req.body : Buffer.from(String(req.body ?? ''), 'utf8');
    if (!data.length) throw new BadRequestError('the article is empty', 'bad-body');
    return { name: safeName(typeof req.query.name === 'string' ? req.query.name : undefined, data, type === 'text/html'), data };
  }
  throw new UnsupportedMediaTypeError(type || '(none)', ['application/json', 'multipart/form-data', 'text/plain', 'text/html']);
}

export function ingestRouter(kg: KnowledgeGraph, { writeToken, maxBodyBytes, rateLimitPerMinute }: IngestOptions): Router {
  const r = Router();
  const guard = [rateLimiter(rateLimitPerMinute), requireWriteToken(writeToken, 'Adding and removing articles')];
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBodyBytes, fieldSize: maxBodyBytes, files: 1, fields: 5, parts: 6 } });

  r.post(
    '/api/articles',
    ...guard,
    express.json({ limit: maxBodyBytes }),
    express.raw({ type: ['text/plain', 'text/html'], limit: maxBodyBytes }),
    upload.single('file'),
    async (req, res) => {
      const article = articleFromRequest(req);
      const change = await kg.addArticle(article);
      const meta = articleIndex(kg.graph).get(change.iri) ?? {};
      // The nodes the article's own graph names (a scan of every node held the event loop 30-50 ms at 10,000 articles).
      const entities = change.nodes
        .filter((n) => kg.graph.hasNode(n))
        .map((n) => [n, kg.graph.getNodeAttributes(n)] as const)
        .filter(([, a]) => !EVENT_TYPES.has(String(a.type)) && ((a.articles as string[] | undefined) ?? []).includes(change.id))
        .map(([n, a]) => ({ id: n, label: a.label, type: a.type }));
      res.status(change.replaced ? 200 : 201)
        .location(`/api/articles/${encodeURIComponent(change.id)}`)
        .json({ ...meta, id: change.id, iri: change.iri, replaced: change.replaced, entities, added: change.added });
    },
  );

  r.delete('/api/articles/:id', ...guard, async (req, res) => {
    const change = await kg.removeArticle(req.params.id as string);
    res.json({ id: change.id, iri: change.iri, removed: change.removed });
  });
  return r;
}
