/**
 * The default graph again, alone, in a second oxigraph store of each SPARQL worker, for the
 * queries that read only the default graph (the contract's question among them).
 *
 * Why: oxigraph keeps the default graph's triples in the same indexes as the named graphs'
 * quads, so a pattern of the default graph also walks the named quads. At 10,000 articles the
 * contract question took 1.0 s on the server's store (5.4M quads: every article's named graph
 * and their union as the default graph) and 0.7 s on the 2.7M default triples alone; oxigraph's
 * own union of the named graphs took 7 s. A warm start also loads this store first (its part
 * of the store file), so the worker answers those queries while the rest loads.
 *
 * The worker keeps the mirror equal to the full store's default graph on every write it makes
 * there (worker-side, so no message crosses twice); a SPARQL Update, which may change the
 * default graph in any way, makes it stale, and every query goes to the full store after it.
 */
import oxigraph from 'oxigraph';

type Store = InstanceType<typeof oxigraph.Store>;
type OxQuad = ReturnType<Store['match']>[number];

export class DefaultGraphMirror {
  store: Store = new oxigraph.Store();
  /** False once the mirror may differ from the full store's default graph. */
  fresh = true;

  /** Triples (Turtle, N-Triples) the full store's default graph was given. */
  load(text: string, format: string): void {
    if (this.fresh) this.store.load(text, { format });
  }

  /** Copy the triples these named graphs hold in the full store (just added to its default graph too). */
  copyGraphs(full: Store, graphs: string[]): void {
    if (!this.fresh || !graphs.length) return;
    const nt = full.query(`CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?g { ${graphs.map((g) => `<${g}>`).join(' ')} } GRAPH ?g { ?s ?p ?o } }`, { results_format: 'application/n-triples' }) as string;
    if (nt) this.store.load(nt, { format: 'application/n-triples', no_transaction: true });
  }

  add(q: OxQuad): void {
    if (this.fresh) this.store.add(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
  }

  delete(q: OxQuad): void {
    if (this.fresh) this.store.delete(oxigraph.quad(q.subject, q.predicate, q.object, oxigraph.defaultGraph()));
  }

  /** Made equal to the full store's default graph again (a store file of an earlier version holds no part of its own for it). */
  copyDefaultGraph(full: Store): void {
    this.replace();
    this.store.load(full.dump({ format: 'application/n-triples', from_graph_name: oxigraph.defaultGraph() }), { format: 'application/n-triples', no_transaction: true });
    this.fresh = true;
  }

  /** The default graph may have changed in ways not mirrored: stop answering, free the memory. */
  invalidate(): void {
    this.fresh = false;
    this.replace();
  }

  /** A new empty store; the old one's memory goes back to oxigraph's allocator now, not at the next collection. */
  private replace(): void {
    (this.store as unknown as { free(): void }).free();
    this.store = new oxigraph.Store();
  }
}
