import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg, totalmem } from 'node:os';

/** The machine a run was measured on, as BENCHMARKS.md describes it. */
export interface Machine {
  cpu: string;
  nproc: number;
  memoryGB: number;
  node: string;
  /** 1/5/15-minute load averages when the run ended: other work on the machine skews results. */
  loadAverage: number[];
}

export async function machine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? 'unknown CPU';
  return {
    cpu: model,
    nproc: availableParallelism(),
    memoryGB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.versions.node,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
