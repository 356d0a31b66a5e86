#!/usr/bin/env node
// lockstep's npm launcher. It runs lockstep.jar on the Java runtime of the platform package
// (@lockstep/<os>-<cpu>, an optional dependency), with its ahead-of-time cache once that cache is
// proven to belong to this runtime and jar (a cache that is not is made again). Without a platform package it runs the jar shipped
// here on a system Java 17 or later (JAVA_HOME, then PATH). Every failure to start is one line on
// standard error and exit code 2, lockstep's code for "nothing was checked".
'use strict';

const fs = require('fs');
const path = require('path');
const os = require('os');
const crypto = require('crypto');
const { spawn, spawnSync } = require('child_process');

const PLATFORM_PACKAGE = `@lockstep/${process.platform}-${process.arch}`;
const MIN_JAVA = 17;
// Same options as the repository's ./lockstep launcher, for the same reasons (bench/RESULTS.md):
// only the quick JIT, the serial collector, no JVM chatter on the terminal.
const SYSTEM_JAVA_OPTIONS = ['-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Xmx1g', '-Xlog:disable', '-Xlog:all=error:stderr'];

class LaunchError extends Error {}

// A stale ahead-of-time cache to make again once lockstep has run: {dir, props, stampFile}.
let cacheToRebuild = null;

function main() {
  if (process.env.LOCKSTEP_REBUILD_CACHE) {
    rebuildCache(JSON.parse(process.env.LOCKSTEP_REBUILD_CACHE));
    return;
  }
  const args = process.argv.slice(2);
  let command;
  try {
    command = platformCommand(args) || systemJavaCommand(args, null);
  } catch (e) {
    if (!(e instanceof LaunchError)) throw e;
    fail(e.message);
  }
  run(command);
}

/** The command on the platform package's runtime, or null when that package is not installed. */
function platformCommand(args) {
  const dir = platformPackageDir();
  if (dir === null) return null;
  const props = readProperties(path.join(dir, 'lib', 'launch.properties'));
  const problem = props === null ? 'lib/launch.properties is missing or unreadable'
    : ['java', 'jar'].map((k) => props[k]).filter((f) => !f || !isFile(path.join(dir, f)))
      .map((f) => `${f || 'an entry of lib/launch.properties'} is missing`)[0];
  if (problem) {
    const what = `${PLATFORM_PACKAGE} in ${dir} is incomplete (${problem}); reinstall it (remove node_modules and run npm install)`;
    return systemJavaCommand(args, what);
  }
  const options = splitOptions(props['jvm-options']);
  const cache = trustedCache(dir, props);
  if (cache) options.push(cache);
  const java = path.join(dir, props.java);
  return {
    java,
    args: [...options, ...splitOptions(process.env.LOCKSTEP_JAVA_OPTS), '-jar', path.join(dir, props.jar), ...args],
    // A runtime that cannot start here (not executable, or built for glibc on a musl Linux).
    fallback: (e) => systemJavaCommand(args, `cannot run ${java} (${e.code || e.message})`),
  };
}

function platformPackageDir() {
  try {
    return path.dirname(require.resolve(`${PLATFORM_PACKAGE}/package.json`));
  } catch (e) {
    return null;
  }
}

/**
 * The JVM option that loads the platform package's start-up cache, or null to run without it.
 * The JVM's own check is not enough (Java 25.0.3 loaded lockstep's classes from an ahead-of-time
 * cache made before an entry was added to the jar, as if nothing had changed), so the launcher
 * checks too: the build recorded
 * a SHA-256 over the jar, the runtime and the cache; the first run after an install compares it,
 * and records the files' sizes, times and inodes as a stamp so that later runs compare only those.
 */
function trustedCache(dir, props) {
  if (!props.cache || !props['cache-key']) return null;
  const cache = path.join(dir, props.cache);
  const keyFiles = splitOptions(props['cache-key-files']).map((f) => path.join(dir, f));
  const missing = keyFiles.find((f) => !isFile(f));
  const stampFile = stampPath(dir);
  // An ahead-of-time cache is made again beside the jar, after this run, when the package is
  // writable, unless that was tried for these very files and failed.
  const rebuildable = props['cache-option'] === '-XX:AOTCache=' && stampFile.startsWith(path.join(dir, 'lib'));
  const stamp = readText(stampFile);
  if (missing) {
    const rebuild = rebuildable && missing === cache && keyFiles.filter((f) => f !== cache).every(isFile);
    if (rebuild) cacheToRebuild = { dir, props, stampFile };
    warn(`${missing} is missing, so lockstep starts without its ahead-of-time cache (slower)`
      + `${rebuild ? ' and makes a new one in the background' : `; reinstall ${PLATFORM_PACKAGE}`}`);
    return null;
  }
  const fingerprint = fingerprintOf(keyFiles);
  if (stamp === `ok ${fingerprint}`) return props['cache-option'] + cache;
  if (stamp !== `stale ${fingerprint}` && stamp !== `failed ${fingerprint}`) {
    const good = contentKey(dir, props) === props['cache-key'];
    writeStamp(stampFile, `${good ? 'ok' : 'stale'} ${fingerprint}`);
    if (good) return props['cache-option'] + cache;
  }
  const rebuild = rebuildable && stamp !== `failed ${fingerprint}`;
  if (rebuild) cacheToRebuild = { dir, props, stampFile };
  warn(`${cache} was not made for this runtime and jar (a partial or mixed install?), so lockstep starts `
    + `without it (slower)${rebuild ? ' and makes a new one in the background' : `; reinstall ${PLATFORM_PACKAGE}`}`);
  return null;
}

/**
 * Makes the cache again from a training lint (a detached process started after lockstep's run, so
 * that nobody waits for it or sees the JVM's messages), then stamps it as verified: the launcher
 * made it from these very files. A lock folder keeps two runs from making it at once.
 */
function rebuildCache({ dir, props, stampFile }) {
  const lock = path.join(dir, 'lib', '.rebuilding');
  try {
    if (Date.now() - fs.statSync(lock).mtimeMs > 10 * 60 * 1000) fs.rmdirSync(lock);
  } catch (e) {
    // no lock, or one that another run removed first
  }
  try {
    fs.mkdirSync(lock);
  } catch (e) {
    return; // another run is making it
  }
  try {
    const java = path.join(dir, props.java);
    const base = [...splitOptions(props['jvm-options']), '-jar', path.join(dir, props.jar)];
    const cache = path.join(dir, props.cache);
    const config = `${cache}.${process.pid}.conf`;
    const fresh = `${cache}.${process.pid}`;
    const inputs = fingerprintOf([props.jar, 'runtime/lib/modules'].map((f) => path.join(dir, f)));
    const training = ['SET lock_timeout = \'2s\';', 'CREATE TABLE t (id bigint PRIMARY KEY, v text);',
      'CREATE INDEX t_v_idx ON t (v);', 'ALTER TABLE t ADD COLUMN w int DEFAULT 0;', ''].join('\n');
    spawnSync(java, ['-XX:AOTMode=record', `-XX:AOTConfiguration=${config}`, ...base,
      'lint', '-', '--stdin-filename', 'V1__training.sql'], { input: training, stdio: ['pipe', 'ignore', 'ignore'] });
    spawnSync(java, ['-XX:AOTMode=create', `-XX:AOTConfiguration=${config}`, `-XX:AOTCache=${fresh}`, ...base],
      { stdio: 'ignore' });
    // Made from the files the stamp will name: neither changed while the JVM ran.
    const made = isFile(fresh)
      && fingerprintOf([props.jar, 'runtime/lib/modules'].map((f) => path.join(dir, f))) === inputs;
    if (made) fs.renameSync(fresh, cache);
    const keyFiles = splitOptions(props['cache-key-files']).map((f) => path.join(dir, f));
    if (keyFiles.every(isFile)) writeStamp(stampFile, `${made ? 'ok' : 'failed'} ${fingerprintOf(keyFiles)}`);
    for (const f of [config, fresh]) {
      try { fs.unlinkSync(f); } catch (e) { /* already moved or never made */ }
    }
  } finally {
    try { fs.rmdirSync(lock); } catch (e) { /* removed as stale by another run */ }
  }
}

function startRebuild() {
  const child = spawn(process.execPath, [__filename], {
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, LOCKSTEP_REBUILD_CACHE: JSON.stringify(cacheToRebuild) },
  });
  child.unref();
}

/** SHA-256 over each key file's name and SHA-256, as build-tools/NpmDist.java computes it. */
function contentKey(dir, props) {
  const outer = crypto.createHash('sha256');
  for (const file of splitOptions(props['cache-key-files'])) {
    const inner = crypto.createHash('sha256');
    const fd = fs.openSync(path.join(dir, file), 'r');
    try {
      const buffer = Buffer.allocUnsafe(1 << 20);
      let n;
      while ((n = fs.readSync(fd, buffer, 0, buffer.length, null)) > 0) inner.update(buffer.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
    outer.update(`${file}\n${inner.digest('hex')}\n`);
  }
  return outer.digest('hex');
}

function fingerprintOf(files) {
  return files.map((f) => {
    const s = fs.statSync(f);
    return `${s.size}:${Math.floor(s.mtimeMs / 1000)}:${s.ino}`;
  }).join(' ');
}

// The stamp lives beside the cache when the package is writable, else in the user's cache folder.
function stampPath(dir) {
  const inPackage = path.join(dir, 'lib', '.verified');
  try {
    fs.accessSync(path.join(dir, 'lib'), fs.constants.W_OK);
    return inPackage;
  } catch (e) {
    const base = process.env.XDG_CACHE_HOME || process.env.LOCALAPPDATA || path.join(os.homedir(), '.cache');
    const id = crypto.createHash('sha256').update(dir).digest('hex').slice(0, 16);
    return path.join(base, 'lockstep', `verified-${id}`);
  }
}

// Written whole or not at all: a temporary file renamed over the stamp.
function writeStamp(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  } catch (e) {
    try { fs.unlinkSync(tmp); } catch (ignored) { /* never written */ }
  }
}

/**
 * The command on a system Java 17 or later with the jar shipped in this package. brokenPlatform
 * says what is wrong with an installed platform package, to warn about (or fail with).
 */
function systemJavaCommand(args, brokenPlatform) {
  const jar = path.join(__dirname, '..', 'lib', 'lockstep.jar');
  const java = systemJava();
  if (java.problem) {
    const why = brokenPlatform || `no Java runtime for ${process.platform}-${process.arch} (${PLATFORM_PACKAGE} is not installed)`;
    throw new LaunchError(`${why}, and ${java.problem}`);
  }
  if (brokenPlatform) warn(`${brokenPlatform}; running on the Java at ${java.path} instead`);
  if (!isFile(jar)) throw new LaunchError(`${jar} is missing; reinstall lockstep (npm install lockstep)`);
  return { java: java.path, args: [...SYSTEM_JAVA_OPTIONS, ...splitOptions(process.env.LOCKSTEP_JAVA_OPTS), '-jar', jar, ...args] };
}

/** The system Java ({path}) or why there is none ({problem}). */
function systemJava() {
  const exe = process.platform === 'win32' ? 'java.exe' : 'java';
  const install = `install Java ${MIN_JAVA} or newer (or set JAVA_HOME to one)`;
  let java;
  if (process.env.JAVA_HOME) {
    java = path.join(process.env.JAVA_HOME, 'bin', exe);
    if (!isFile(java)) return { problem: `JAVA_HOME=${process.env.JAVA_HOME} has no bin/${exe}: ${install}` };
  } else {
    java = onPath(exe);
    if (!java) return { problem: `no Java was found (JAVA_HOME is not set, no java on PATH): ${install}` };
  }
  const major = javaMajor(java);
  if (major !== null && major < MIN_JAVA) {
    return { problem: `the Java at ${java} is version ${major}: ${install}` };
  }
  return { path: java };
}

function onPath(exe) {
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    if (isFile(candidate)) return candidate;
  }
  return null;
}

// The major version from the release file of the Java's home, else from `java -version`.
function javaMajor(java) {
  let home;
  try {
    home = path.dirname(path.dirname(fs.realpathSync(java)));
  } catch (e) {
    return null;
  }
  const release = readText(path.join(home, 'release'));
  let match = release && /^JAVA_VERSION="(\d+)/m.exec(release);
  if (!match) {
    const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
    match = /version "(?:1\.)?(\d+)/.exec(`${out.stderr || ''}${out.stdout || ''}`);
  }
  return match ? Number(match[1]) : null;
}

/** Runs the command with this process's standard streams; exits with its code or signal. */
function run(command) {
  let child = null;
  // The terminal sends Ctrl-C to the JVM too: the launcher only waits for it to finish.
  process.on('SIGINT', () => {});
  for (const signal of ['SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child && child.kill(signal));
  }
  const start = (next) => {
    child = spawn(next.java, next.args, { stdio: 'inherit' });
    child.on('error', (e) => {
      if (!next.fallback) fail(`cannot run ${next.java}: ${e.message}`);
      let fallback;
      try {
        fallback = next.fallback(e);
      } catch (failure) {
        if (!(failure instanceof LaunchError)) throw failure;
        fail(failure.message);
      }
      start(fallback);
    });
    child.on('exit', (code, signal) => {
      if (signal) {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
        return;
      }
      if (cacheToRebuild) startRebuild();
      process.exit(code === null ? 2 : code);
    });
  };
  start(command);
}

function fail(message) {
  process.stderr.write(`lockstep: ${message}\n`);
  process.exit(2);
}

function readProperties(file) {
  const text = readText(file);
  if (text === null) return null;
  const props = {};
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=');
    if (at > 0 && !line.startsWith('#')) props[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return props;
}

function readText(file) {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return null;
  }
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch (e) {
    return false;
  }
}

function splitOptions(text) {
  return (text || '').split(/\s+/).filter(Boolean);
}

function warn(message) {
  process.stderr.write(`lockstep: warning: ${message}\n`);
}

main();
