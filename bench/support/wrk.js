// wrk, the C load generator (apt-get install -y wrk), and the server-side CPU it leaves behind. On a small machine a
// Node client (autocannon) needs about as much CPU per request as the server it loads, so the two fight over the
// same cores and a cheap server is measured at the client's limit: that squeezes every ratio toward 1 or skews it,
// depending on which side runs out first. wrk costs a fraction of that, so what it measures is the server.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, all threads) a process has used, from /proc. */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Throws a clear error when wrk is missing, before any server is started. */
export function requireWrk() {
  if (spawnSync('wrk', ['--version']).error) {
    throw new Error('wrk is not installed (apt-get install -y wrk)');
  }
}

const UNIT_MS = { us: 0.001, ms: 1, s: 1000 };

/** `651.00us`, `2.19ms` or `1.02s` in milliseconds. */
function milliseconds(text) {
  const parsed = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (parsed === null) {
    throw new Error(`wrk printed a latency it cannot read: ${text}`);
  }
  return Number(parsed[1]) * UNIT_MS[parsed[2]];
}

/**
 * One wrk run (one thread, `connections` keep-alive connections, `seconds` long) against `url` with `headers`, and
 * `script` (a Lua file) when given. Fails loudly on socket errors or any status that is not 2xx/3xx. Returns req/s,
 * the request count, p50 and p99 latency in ms, and, with `pid`, requests per CPU second of that process.
 */
export function runWrk({ url, connections, seconds, headers = {}, script, pid }) {
  const args = [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--latency',
    ...Object.entries(headers).flatMap(([key, value]) => ['-H', `${key}: ${value}`]),
    ...(script === undefined ? [] : ['-s', script]),
    url,
  ];
  const cpuBefore = pid === undefined ? 0 : cpuSeconds(pid);
  const output = execFileSync('wrk', args, { encoding: 'utf8' });
  const cpu = pid === undefined ? 0 : cpuSeconds(pid) - cpuBefore;
  const rate = /Requests\/sec:\s+([\d.]+)/.exec(output);
  const total = /(\d+) requests in/.exec(output);
  const p50 = /^\s+50%\s+(\S+)$/m.exec(output);
  const p99 = /^\s+99%\s+(\S+)$/m.exec(output);
  if (rate === null || total === null || p50 === null || p99 === null || /Non-2xx or 3xx/.test(output) || /Socket errors/.test(output)) {
    throw new Error(`wrk on ${url}:\n${output}`);
  }
  return {
    rate: Number(rate[1]),
    total: Number(total[1]),
    p50: milliseconds(p50[1]),
    p99: milliseconds(p99[1]),
    perCpuSecond: cpu > 0 ? Number(total[1]) / cpu : undefined,
  };
}

/**
 * Writes a wrk Lua script that sends `requests` (`{ method, path, headers, body }`) in turn, round and round: every
 * request is formatted once, up front, so wrk spends no time building them while it measures. Returns its path and
 * `remove()`, which deletes it (thousands of requests make megabytes).
 */
export function writeRequestScript(requests) {
  const longString = (text) => {
    let level = '=';
    while (text.includes(`]${level}]`)) {
      level += '=';
    }
    return `[${level}[${text}]${level}]`;
  };
  const table = (headers) => `{${Object.entries(headers ?? {}).map(([key, value]) => `[ ${longString(key)} ] = ${longString(value)}`).join(', ')}}`;
  const lines = requests.map(
    ({ method, path, headers, body }) => `  { ${longString(method)}, ${longString(path)}, ${table(headers)}, ${body === undefined ? 'nil' : longString(body)} },`,
  );
  // Formatted in init, not at load: wrk.host (for the Host header) is set only by then.
  const script = [
    'local specs = {',
    ...lines,
    '}',
    'local requests = {}',
    'local next = 0',
    'init = function(args)',
    '  for i, spec in ipairs(specs) do requests[i] = wrk.format(spec[1], spec[2], spec[3], spec[4]) end',
    'end',
    'request = function()',
    '  next = next % #requests + 1',
    '  return requests[next]',
    'end',
    '',
  ].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'bulwark-wrk-'));
  const file = join(dir, 'requests.lua');
  writeFileSync(file, script);
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
