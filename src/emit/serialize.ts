/**
 * Quads → text: Turtle (with the project's prefixes), N-Triples, N-Quads and TriG,
 * with n3's Writer. Turtle and N-Triples carry the union of all graphs.
 */
import { Writer, type Quad } from 'n3';
import { PREFIXES } from '../ontology/terms.js';
import { toDefaultGraph } from '../corpus/corpus.js';

function write(quads: Quad[], format: string, prefixes?: Record<string, string>): string {
  const w = new Writer({ format, prefixes });
  w.addQuads(quads);
  let out = '';
  w.end((err, result: string) => {
    if (err) throw err;
    out = result;
  });
  return out;
}

export function toTurtle(quads: Quad[]): string {
  return write(toDefaultGraph(quads), 'Turtle', PREFIXES);
}

export function toNTriples(quads: Quad[]): string {
  return write(toDefaultGraph(quads), 'N-Triples');
}

export function toNQuads(quads: Quad[]): string {
  return write(quads, 'N-Quads');
}

export function toTriG(quads: Quad[]): string {
  return write(quads, 'TriG', PREFIXES);
}
