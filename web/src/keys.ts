/** Keyboard control of the graph: arrows pan, + and − zoom, 0 resets, Escape clears the selection. */
import type { GraphView } from './graph-view.js';

export function wireKeys(canvas: HTMLElement, view: GraphView, clear: () => void, hasSelection: () => boolean): () => void {
  const step = 0.1;
  const onCanvas = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowLeft: () => view.pan(-step, 0),
      ArrowRight: () => view.pan(step, 0),
      ArrowUp: () => view.pan(0, step),
      ArrowDown: () => view.pan(0, -step),
      '+': () => view.zoom(1.5),
      '=': () => view.zoom(1.5),
      '-': () => view.zoom(1 / 1.5),
      '0': () => view.resetCamera(),
      Escape: clear,
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };
  const onDoc = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) && hasSelection() && !document.querySelector('dialog[open]')) clear();
  };
  const zoomIn = () => view.zoom(1.5);
  const zoomOut = () => view.zoom(1 / 1.5);
  const reset = () => view.resetCamera();
  const buttons: Array<[string, () => void]> = [['#zoom-in', zoomIn], ['#zoom-out', zoomOut], ['#zoom-reset', reset]];
  for (const [sel, fn] of buttons) document.querySelector(sel)?.addEventListener('click', fn);
  canvas.addEventListener('keydown', onCanvas);
  document.addEventListener('keydown', onDoc);
  return () => {
    canvas.removeEventListener('keydown', onCanvas);
    document.removeEventListener('keydown', onDoc);
    for (const [sel, fn] of buttons) document.querySelector(sel)?.removeEventListener('click', fn);
  };
}
