/**
 * Triples in RDF/XML (and the other syntaxes oxigraph writes) through oxigraph's
 * serializers on a throwaway store: one well-kept writer for the endpoint, the linked
 * data pages and the exports alike.
 */
import oxigraph from 'oxigraph';

/**
 * Serialize N-Triples (or Turtle, by `inputFormat`) as `mediaType`. N-Triples may come in
 * slices of whole lines (a string holds at most 512 MB).
 */
export function serializeTriples(text: string | Iterable<string>, mediaType: string, inputFormat = 'application/n-triples'): string {
  const store = new oxigraph.Store();
  for (const slice of typeof text === 'string' ? [text] : text) store.load(slice, { format: inputFormat });
  return store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() });
}
