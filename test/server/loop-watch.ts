/**
 * How long the event loop of this thread was busy between two of its turns, apart from the
 * time the operating system kept it waiting. On a shared 2-core machine with a load of 8, a
 * loop that does nothing still answers 100–370 ms late now and then: the thread sat in the
 * run queue. Linux counts both per thread (/proc/<tid>/schedstat: nanoseconds on a CPU, then
 * nanoseconds runnable but waiting), so the loop's own delay — the work that held it — can be
 * told from the scheduler's. Elsewhere only the wall-clock gap is known, and it is reported
 * as busy (an over-estimate).
 */
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** [on CPU, waiting in the run queue] of a thread, in ms; undefined where Linux's schedstat is absent. */
export function schedstat(path = '/proc/thread-self/schedstat'): [number, number] | undefined {
  try {
    const [cpu, wait] = readFileSync(path, 'utf8').split(' ').map(Number);
    return [cpu! / 1e6, wait! / 1e6];
  } catch {
    return undefined;
  }
}

export interface LoopReport {
  /** Longest time the thread spent on a CPU between two turns of its loop (ms): its own delay. */
  maxBusyMs: number;
  /** Longest wall-clock gap between two turns (ms): own delay plus the scheduler's. */
  maxGapMs: number;
  /** Run-queue wait within that longest gap (ms). */
  waitInMaxGapMs: number;
  /** monitorEventLoopDelay's maximum (ms), which counts the scheduler's delay too. */
  delayMaxMs: number;
  /** Whether busy time was measured (Linux) or is the wall-clock gap. */
  measured: boolean;
}

/** Watch this thread's loop (a 1 ms timer) until stop(). */
export function watchLoop(): { stop(): LoopReport } {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const measured = schedstat() !== undefined;
  const report: LoopReport = { maxBusyMs: 0, maxGapMs: 0, waitInMaxGapMs: 0, delayMaxMs: 0, measured };
  let lastT = performance.now();
  let lastS = schedstat();
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    const t = performance.now();
    const s = schedstat();
    const gap = t - lastT;
    const busy = s && lastS ? s[0] - lastS[0] : gap;
    report.maxBusyMs = Math.max(report.maxBusyMs, busy);
    if (gap > report.maxGapMs) {
      report.maxGapMs = gap;
      report.waitInMaxGapMs = s && lastS ? s[1] - lastS[1] : 0;
    }
    lastT = t;
    lastS = s;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      histogram.disable();
      report.delayMaxMs = histogram.max / 1e6;
      return report;
    },
  };
}
