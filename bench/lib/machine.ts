// The machine a run measured, recorded with its figures.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  natsServer: string;
  openFileLimit: number;
}

export function machine(fdLimit: number): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  let nats = 'unknown';
  try {
    nats = execFileSync(process.env.NATS_SERVER_BIN ?? 'nats-server', ['--version'])
      .toString()
      .trim();
  } catch {
    // reported as unknown
  }
  return {
    nproc: os.availableParallelism(),
    cpuModel: /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    kernel: os.release(),
    node: process.version,
    natsServer: nats,
    openFileLimit: fdLimit,
  };
}
