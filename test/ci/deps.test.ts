/**
 * .ci/deps, the test suite's Debian set-up, run against a fake machine: a PATH holding only
 * the tools a case grants (apt-get, apt-cache and sudo are recorder scripts that log their
 * arguments) and a NEWSKG_DEPS_ROOT holding /usr/bin/chromium and /usr/bin/python3 or not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../.ci/deps', import.meta.url));
const isRoot = process.getuid?.() === 0;
const sudo = isRoot ? '' : 'sudo ';

let dir: string;
let bin: string;
let root: string;
let log: string;

function executable(path: string, body: string): void {
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
}

/** A recorder: appends "name args" to the log, then runs `then` (shell, may exit). */
function fake(name: string, then = 'exit 0'): void {
  executable(join(bin, name), `echo "${name} $*" >> '${log}'\n${then}`);
}

/** apt-get that logs and, on install, puts a stand-in `rapper` on PATH as the package would. */
function fakeAptGet(installOk = true): void {
  const install = installOk
    ? `case " $* " in *" raptor2-utils "*) printf '#!/bin/sh\\n' > '${bin}/rapper'; /bin/chmod 755 '${bin}/rapper';; esac`
    : 'echo "E: Unable to locate package $4" >&2; exit 100';
  fake('apt-get', `[ "$1" = install ] || exit 0\n${install}`);
}

/** Grants a real tool by linking it into the fake PATH. */
function grant(...tools: string[]): void {
  for (const t of tools) symlinkSync(`/usr/bin/${t}`, join(bin, t));
}

function run(env: Record<string, string> = {}, wrap: string[] = []) {
  const opts: SpawnSyncOptions = {
    encoding: 'utf8',
    env: { PATH: bin, NEWSKG_DEPS_ROOT: root, TMPDIR: dir, ...env },
  };
  const [cmd, ...args] = [...wrap, '/bin/bash', SCRIPT];
  const r = spawnSync(cmd!, args, opts);
  const calls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: r.status, stderr: String(r.stderr), stdout: String(r.stdout), calls };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'newskg-deps-'));
  chmodSync(dir, 0o755); // readable by the unprivileged user of the no-sudo case
  bin = join(dir, 'bin');
  root = join(dir, 'root');
  log = join(dir, 'calls.log');
  mkdirSync(bin);
  mkdirSync(join(root, 'usr/bin'), { recursive: true });
  executable(join(root, 'usr/bin/chromium'), 'exit 0');
  symlinkSync('/usr/bin/python3', join(root, 'usr/bin/python3')); // the real one, with rdflib
  grant('roqet', 'env', 'virtuoso-t');
  fake('sudo', 'exec "$@"'); // used only when the tests run unprivileged
  fake('apt-cache'); // the package lists know every package
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('.ci/deps', () => {
  it('does nothing and says nothing when every need is met', () => {
    grant('rapper');
    const r = run();
    expect(r).toMatchObject({ status: 0, stderr: '', stdout: '' });
    expect(r.calls).toEqual([]);
  });

  it('installs a missing rapper with apt-get, saying in one line what and why, without apt-get update', () => {
    fakeAptGet();
    const r = run();
    expect(r.status).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/installing raptor2-utils \(rapper validates the Turtle.*\), with (sudo )?apt-get\.$/);
    expect(lines[0]).not.toMatch(/rasqal|chromium|python3-/);
    expect(lines.slice(1)).toEqual(['newskg test setup: done.']);
    expect(r.calls.filter((c) => c.startsWith('apt-get'))).toEqual(['apt-get install -y -qq raptor2-utils']);
    if (!isRoot) expect(r.calls).toContain('sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq raptor2-utils');
  });

  it('runs apt-get update first when the package lists do not know the package', () => {
    fakeAptGet();
    fake('apt-cache', 'exit 100');
    const r = run();
    expect(r.status).toBe(0);
    expect(r.calls.filter((c) => c.startsWith('apt-get'))).toEqual(['apt-get update -qq', 'apt-get install -y -qq raptor2-utils']);
  });

  it('with no apt-get, stops non-zero naming the package, the reason and the exact command', () => {
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('missing raptor2-utils (rapper validates');
    expect(r.stderr).toContain(`install them and rerun: ${sudo}apt-get update && ${sudo}apt-get install -y raptor2-utils\n`);
    expect(r.calls).toEqual([]);
  });

  it('unprivileged and without sudo, stops with the sudo command', () => {
    fakeAptGet();
    rmSync(join(bin, 'sudo'));
    const r = run({}, isRoot ? ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('not root and no sudo');
    expect(r.stderr).toContain('install them and rerun: sudo apt-get update && sudo apt-get install -y raptor2-utils\n');
    expect(r.calls).toEqual([]);
  });

  it('when apt-get install fails, refreshes the lists once, retries, then stops with the command', () => {
    fakeAptGet(false);
    const r = run();
    expect(r.status).toBe(1);
    expect(r.calls.filter((c) => c.startsWith('apt-get'))).toEqual([
      'apt-get install -y -qq raptor2-utils',
      'apt-get update -qq',
      'apt-get install -y -qq raptor2-utils',
    ]);
    expect(r.stderr).toContain('E: Unable to locate package raptor2-utils\n');
    expect(r.stderr).toMatch(/apt-get's full output is in \S+newskg-deps-apt\.\d+\.log\n/);
    expect(r.stderr).toContain('apt-get install failed');
    expect(r.stderr).toContain(`install them and rerun: ${sudo}apt-get update && ${sudo}apt-get install -y raptor2-utils\n`);
  });

  it('stops when apt-get succeeded but the need is still unmet', () => {
    fake('apt-get'); // installs nothing
    const r = run();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('still missing after apt-get: raptor2-utils');
  });

  it('checks Debian python3 for rdflib, SPARQLWrapper and networkx, and /usr/bin/chromium, under the given root', () => {
    grant('rapper');
    rmSync(join(root, 'usr/bin/python3'));
    rmSync(join(root, 'usr/bin/chromium'));
    // The real interpreter without site-packages: it runs, but has neither module.
    executable(join(root, 'usr/bin/python3'), 'exec /usr/bin/python3 -S "$@"');
    const r = run({ NEWSKG_DEPS_INSTALL: '0' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`chromium (the browser tests drive ${root}/usr/bin/chromium)`);
    expect(r.stderr).toContain(`python3-rdflib (${root}/usr/bin/python3 with rdflib`);
    expect(r.stderr).toContain(`python3-sparqlwrapper (${root}/usr/bin/python3 with SPARQLWrapper`);
    expect(r.stderr).toContain(`python3-networkx (${root}/usr/bin/python3 with networkx`);
    expect(r.stderr).toContain(`apt-get install -y chromium python3-rdflib python3-sparqlwrapper python3-networkx\n`);
    expect(r.calls).toEqual([]);
  });
});
