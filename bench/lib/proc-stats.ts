// CPU time and resident memory of other processes, read from /proc, so every
// component is measured on its own however the load is spread.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds the process has used so far, all its threads (V8's GC and
 * compiler threads, libuv's pool) included. Read from each thread's
 * schedstat, in nanoseconds: /proc/<pid>/stat counts in ticks of 10 ms,
 * too coarse for short phases.
 */
export function cpuSeconds(pid: number): number {
  let ns = 0;
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      try {
        ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
      } catch {
        // the thread ended while we looked
      }
    }
    if (ns > 0) return ns / 1e9;
  } catch {
    // no schedstat on this kernel: fall back to ticks
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after "(comm)" start at field 3; utime and stime are fields 14 and 15.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) / CLK_TCK;
}

/** Kernel-mode CPU seconds (stime, in clock ticks): time spent in system calls such as socket writes. */
export function systemSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[12]) / CLK_TCK;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** CPU seconds used by each named process between start and stop(), and the kernel's share of them. */
export class CpuMeter {
  readonly #start: Map<string, [number, number]>;
  readonly #t0 = performance.now();

  constructor(readonly pids: Record<string, number>) {
    this.#start = new Map(
      Object.entries(pids).map(([n, pid]) => [n, [cpuSeconds(pid), systemSeconds(pid)]]),
    );
  }

  stop(): {
    wallSeconds: number;
    cpuSeconds: Record<string, number>;
    systemSeconds: Record<string, number>;
  } {
    const cpu: Record<string, number> = {};
    const sys: Record<string, number> = {};
    for (const [n, pid] of Object.entries(this.pids)) {
      const [c, s] = this.#start.get(n)!;
      cpu[n] = Math.max(0, cpuSeconds(pid) - c);
      sys[n] = Math.max(0, systemSeconds(pid) - s);
    }
    return {
      wallSeconds: (performance.now() - this.#t0) / 1000,
      cpuSeconds: cpu,
      systemSeconds: sys,
    };
  }
}

/** The soft limit on open files of this process (inherited by the processes it starts). */
export function openFileLimit(): number {
  const m = /Max open files\s+(\d+)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  return m ? Number(m[1]) : 1024;
}
