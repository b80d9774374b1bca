/**
 * "Run more layout": ForceAtlas2 in a web worker, started from the server's positions,
 * with settings inferred from the graph (Barnes-Hut for large graphs). It stops by
 * itself after a while and is killed on cleanup.
 */
import type { AbstractGraph as Graph } from 'graphology-types';
import FA2LayoutModule from 'graphology-layout-forceatlas2/worker.js';
import { inferSettings } from 'graphology-layout-forceatlas2';
import { DEFAULT_EXPLORER_SETTINGS, type ExplorerSettings } from './settings.js';
import { h } from './dom.js';

// The package is CommonJS (`module.exports = FA2LayoutSupervisor`) with a declaration
// that says `export default`: take whichever the bundler hands us.
type FA2Layout = InstanceType<typeof FA2LayoutModule.default>;
const FA2Layout: typeof FA2LayoutModule.default =
  (FA2LayoutModule as unknown as { default?: typeof FA2LayoutModule.default }).default ?? (FA2LayoutModule as unknown as typeof FA2LayoutModule.default);

export class LayoutRunner {
  #graph: Graph;
  #s: ExplorerSettings;
  #layout: FA2Layout | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #onChange: (running: boolean) => void;

  constructor(graph: Graph, onChange: (running: boolean) => void, s: ExplorerSettings = DEFAULT_EXPLORER_SETTINGS) {
    this.#graph = graph;
    this.#onChange = onChange;
    this.#s = s;
  }

  get running(): boolean {
    return this.#layout?.isRunning() ?? false;
  }

  start(): void {
    if (this.running) return;
    if (!this.#layout) {
      // inferSettings alone barely moves a graph already laid out: more repulsion and a
      // faster pace make a run visible; pinned (dragged) nodes carry `fixed` and stay.
      const settings = { ...inferSettings(this.#graph), scalingRatio: 8, slowDown: 2, edgeWeightInfluence: 0.5 };
      if (this.#graph.order >= this.#s.barnesHutFrom) settings.barnesHutOptimize = true;
      this.#layout = new FA2Layout(this.#graph, { settings });
    }
    this.#layout.start();
    this.#timer = setTimeout(() => this.stop(), this.#s.layoutMaxMs);
    this.#onChange(true);
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#layout?.isRunning()) this.#layout.stop();
    this.#onChange(false);
  }

  toggle(): void {
    if (this.running) this.stop();
    else this.start();
  }

  /** Stop and free the worker (the graph was replaced, or the page goes away). */
  kill(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#layout?.kill();
    this.#layout = null;
    this.#onChange(false);
  }
}

/** The layout button: "Run layout" / "Stop layout", with aria-pressed. */
export function layoutControl(runner: () => LayoutRunner | null): { element: HTMLButtonElement; update(running: boolean): void } {
  const button = h('button', { type: 'button', class: 'btn', id: 'layout-toggle', attrs: { 'aria-pressed': 'false' } }, 'Run layout');
  button.title = 'Run more ForceAtlas2 layout in a background worker';
  button.addEventListener('click', () => runner()?.toggle());
  return {
    element: button,
    update(running: boolean) {
      button.textContent = running ? 'Stop layout' : 'Run layout';
      button.setAttribute('aria-pressed', String(running));
    },
  };
}
