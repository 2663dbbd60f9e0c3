// npm as a user runs it, for the tests that pack muxgate's packages and
// install them in a scratch project outside the repository
// (test/ops/pack.test.ts, test/ops/packages.test.ts).
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Env } from './process.ts';

const exec = promisify(execFile);

/**
 * The environment of a user's shell: this Node first on PATH, and none of the
 * variables npm sets for a script it runs (npm test), which would steer the
 * scratch project's npm, nor a loader in NODE_OPTIONS.
 */
export function userEnv(): Env {
  const env: Env = {};
  for (const k of Object.keys(process.env))
    if (/^npm_/i.test(k) || k === 'INIT_CWD' || k === 'NODE_OPTIONS') env[k] = undefined;
  env.PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  return env;
}

/** userEnv() applied to this process's environment, for execFile. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(userEnv()))
    if (v === undefined) delete env[k];
    else env[k] = v;
  return env;
}

export interface Packed {
  /** The tarball's path. */
  tarball: string;
  /** The paths it holds, relative to the package. */
  files: string[];
}

/** `npm pack` in `dir` (which runs its prepack), the tarball written to `dest`. */
export async function npmPack(dir: string, dest: string): Promise<Packed> {
  const { stdout } = await exec(
    'npm',
    ['pack', '--json', '--pack-destination', dest, '--no-audit', '--no-fund'],
    { cwd: dir, env: cleanEnv(), timeout: 120_000, maxBuffer: 16 << 20 },
  );
  // prepack's own output may precede npm's JSON report.
  const report = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as {
    filename: string;
    files: { path: string }[];
  }[];
  return { tarball: join(dest, report[0]!.filename), files: report[0]!.files.map((f) => f.path) };
}

/**
 * `npm install <specs>` in `project`, from npm's cache when it can; its
 * output. A new registry download is slow, so specs should be versions the
 * repository already installs.
 */
export async function npmInstall(project: string, specs: string[]): Promise<string> {
  const { stdout, stderr } = await exec(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', ...specs],
    { cwd: project, env: cleanEnv(), timeout: 120_000, maxBuffer: 16 << 20 },
  );
  return stdout + stderr;
}
