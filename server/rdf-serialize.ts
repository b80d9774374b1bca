/**
 * Triples in RDF/XML (and the other syntaxes oxigraph writes) through oxigraph's
 * serializers on a throwaway store: one well-kept writer for the endpoint, the linked
 * data pages and the exports alike.
 */
import oxigraph from 'oxigraph';

/** Serialize N-Triples (or Turtle, by `inputFormat`) as `mediaType`. */
export function serializeTriples(text: string, mediaType: string, inputFormat = 'application/n-triples'): string {
  const store = new oxigraph.Store();
  store.load(text, { format: inputFormat });
  return store.dump({ format: mediaType, from_graph_name: oxigraph.defaultGraph() });
}
