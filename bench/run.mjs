// The measuring half of bench/run.sh (see there). Every figure is the median of --runs runs
// (one run for steps that take minutes at 100k), on this machine, in this one run; the machine and
// its load are recorded with them. Output: bench/results/latest.json and docs/performance.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const sizes = opt('--sizes', '10000,100000').split(',').map(Number);
const runs = Number(opt('--runs', '3'));
const browser = !args.includes('--no-browser');
const WORK = process.env.HZ_BENCH_WORK || path.join(ROOT, 'build', 'bench-work');
const CLI = path.join(ROOT, 'build/native-release/src/hazard-ledger');
const WASM_LEDGER = path.join(ROOT, 'build/wasm/bench/ledger_bench.js');
fs.mkdirSync(WORK, { recursive: true });

const median = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const MB = (bytes) => Math.round(bytes / 104857.6) / 10;

// Runs a command under GNU time: wall seconds, peak RSS (MB), stdout.
function timed(cmd, argv, { env } = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28,
    env: { ...process.env, ...env } });
  const last = (r.stderr || '').trim().split('\n').pop() || '';
  const [secs, kb] = last.split(' ').map(Number);
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return { s: secs, peakMB: Math.round(kb / 1024), out: r.stdout };
}
const cli = (...argv) => timed(CLI, argv);
function freshDb(name) {
  const db = path.join(WORK, name);
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  cli('init', '--db', db, '--office', '市安委办', '--division', '320100', '--level', '市');
  return db;
}
const grab = (text, re) => { const m = text.match(re); return m ? Number(m[1]) : null; };

const result = {
  when: new Date().toISOString(),
  commit: execSync('git rev-parse --short HEAD', { cwd: ROOT }).toString().trim(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGB: Math.round(os.totalmem() / 2 ** 30),
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))), node: process.version },
  runs, sizes: {}, browser: null,
};
const schemaDb = freshDb('schema.db');

for (const size of sizes) {
  const r = {};
  const plain = path.join(WORK, `ledger-${size}.json`);
  const gz = path.join(WORK, `ledger-${size}.ledger.json.gz`);
  console.log(`== ${size} hazards`);
  r.generate_s = cli('generate', '--seed', '1', '--towns', '20', '--enterprises', String(size / 5), '--hazards', String(size),
    '--signed', '-o', plain).s;
  const db0 = freshDb(`import-plain-${size}.db`);
  const first = cli('import', '--db', db0, '--trust-new', plain);
  r.import_plain_native_s = first.s;
  r.import_plain_native_peak_mb = first.peakMB;
  const exp = [];
  for (let i = 0; i < runs; i++) exp.push(cli('export', '--db', db0, '-o', gz).s);
  r.export_native_s = median(exp);
  r.file_plain_mb = MB(fs.statSync(plain).size);
  r.file_gz_mb = MB(fs.statSync(gz).size);
  const imp = [], peaks = [], same = [], content = [];
  let db = null;
  for (let i = 0; i < runs; i++) {
    db = freshDb(`import-${size}.db`);
    const t = cli('import', '--db', db, '--trust-new', gz);
    imp.push(t.s);
    peaks.push(t.peakMB);
    same.push(cli('import', '--db', db, gz).s);
    content.push(cli('import', '--db', db, plain).s); // other bytes, the same content: read and checked
  }
  r.import_native_s = median(imp);
  r.import_native_peak_mb = median(peaks);
  r.reimport_same_file_native_s = median(same);
  r.reimport_same_content_native_s = median(content);
  r.db_mb = MB(fs.statSync(db).size);
  const merged = path.join(WORK, `merged-${size}.ledger.json.gz`);
  r.merge_native_s = median(Array.from({ length: runs }, () => cli('merge', gz, gz, '-o', merged).s));
  // WebAssembly under Node.js: the same streamed import (ledger_bench reads the file itself).
  const wasm = [], wasmContent = [], wasmPeak = [];
  for (let i = 0; i < runs; i++) {
    const t = timed(process.execPath, ['--no-experimental-fetch', WASM_LEDGER, '0', gz, ':memory:']);
    wasm.push(grab(t.out, /import into an empty database \(streamed[^:]*: ([\d.]+) s/));
    wasmContent.push(grab(t.out, /re-import of the same content[^:]*: ([\d.]+) s/));
    wasmPeak.push(t.peakMB);
  }
  r.import_wasm_s = median(wasm);
  r.reimport_same_content_wasm_s = median(wasmContent);
  r.wasm_process_peak_mb = median(wasmPeak);
  // The peer: sql.js + JSON.parse, records and events inserted with our indexes.
  const peer = [];
  for (let i = 0; i < runs; i++) {
    const t = timed(process.execPath, ['--max-old-space-size=8192', path.join(ROOT, 'bench/peer_sqljs.mjs'), gz, schemaDb]);
    peer.push(JSON.parse(t.out.trim().split('\n').pop()).total_ms / 1000);
  }
  r.import_peer_sqljs_s = median(peer);
  r.ratio_wasm_native = r.import_wasm_s && r.import_native_s ? Number((r.import_wasm_s / r.import_native_s).toFixed(2)) : null;
  r.ratio_wasm_peer = r.import_wasm_s && r.import_peer_sqljs_s ? Number((r.import_wasm_s / r.import_peer_sqljs_s).toFixed(2)) : null;
  // Page queries of the ledger table, natively (store_bench generates its own database).
  const q = timed(path.join(ROOT, 'build/native-release/bench/store_bench'), [String(size), ':memory:']);
  r.page_queries = q.out.split('\n').filter((l) => /p50/.test(l)).map((l) => l.trim());
  result.sizes[size] = r;
  console.log(JSON.stringify(r, null, 1));
}

if (browser) {
  const node = (script, ...argv) => timed(process.execPath, [path.join(ROOT, 'bench', script), ...argv]).out;
  const b = {};
  const ready = node('web_ready.mjs', String(Math.max(runs, 3)));
  b.ready_empty_ms = grab(ready, /median of \d+: (\d+) ms/);
  // A stored database the size of the largest one imported above.
  const big = Math.max(...sizes);
  b.restore_db_mb = Math.round(result.sizes[big]?.db_mb || 96);
  const restore = node('web_restore.mjs', String(b.restore_db_mb), String(Math.max(runs, 3)));
  b.ready_restored_ms = median([...restore.matchAll(/navigation -> ready (\d+) ms/g)].map((m) => Number(m[1])));
  b.restore_ms = median([...restore.matchAll(/restored (\d+) ms/g)].map((m) => Number(m[1])));
  b.city = node('web_city.mjs', String(big)).split('\n').filter(Boolean);
  b.ready_city_ms = grab(b.city.join('\n'), /ready with the database restored: (\d+) ms/);
  b.city_export_s = grab(b.city.join('\n'), /export: ([\d.]+) s/);
  b.city_import_s = grab(b.city.join('\n'), /import: imported after ([\d.]+) s/);
  b.frames = node('web_frames.mjs').split('\n').filter(Boolean);
  result.browser = b;
}

fs.mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(ROOT, 'bench/results/latest.json'), JSON.stringify(result, null, 1) + '\n');

// docs/performance.md: each target beside its figure.
const big = result.sizes[Math.max(...sizes)] || {};
const fig = (v, unit) => (v === null || v === undefined ? 'not measured' : `${v} ${unit}`);
const holds = (ok) => (ok === null ? '—' : ok ? 'holds' : '**does not hold**');
const cmp = (v, limit) => (v === null || v === undefined ? null : v <= limit);
const rows = [
  ['100k full ledger as e-mailed (gzip)', '≤ 40 MB', fig(big.file_gz_mb, 'MB'), holds(cmp(big.file_gz_mb, 40))],
  ['import, native CLI (gz file, empty database)', '—', fig(big.import_native_s, 's'), '—'],
  ['import, wasm under Node.js', '≤ 25 s', fig(big.import_wasm_s, 's'), holds(cmp(big.import_wasm_s, 25))],
  ['wasm / native', '≤ 1.5', fig(big.ratio_wasm_native, '×'), holds(cmp(big.ratio_wasm_native, 1.5))],
  ['import, peer sql.js + JSON.parse', '—', fig(big.import_peer_sqljs_s, 's'), '—'],
  ['ours (wasm) / peer', '≤ 1', fig(big.ratio_wasm_peer, '×'), holds(cmp(big.ratio_wasm_peer, 1))],
  ['import peak memory (native)', `≤ 512 MB and ≤ 1.5 × ${big.file_plain_mb ?? '?'} MB`, fig(big.import_native_peak_mb, 'MB'),
    holds(big.import_native_peak_mb == null ? null : big.import_native_peak_mb <= Math.min(512, 1.5 * big.file_plain_mb))],
  ['re-import, the same file', '≤ 5 s', fig(big.reimport_same_file_native_s, 's'), holds(cmp(big.reimport_same_file_native_s, 5))],
  ['re-import, the same content in another file', '≤ 5 s', fig(big.reimport_same_content_native_s, 's'),
    holds(cmp(big.reimport_same_content_native_s, 5))],
  ['export, native', '—', fig(big.export_native_s, 's'), '—'],
  ['merge (the file with itself), native', '—', fig(big.merge_native_s, 's'), '—'],
  ['database size', '≤ 150 MB', fig(big.db_mb, 'MB'), holds(cmp(big.db_mb, 150))],
  ['ready, empty database (Chromium, file://)', '—', fig(result.browser?.ready_empty_ms, 'ms'), '—'],
  [`ready with a ${result.browser?.restore_db_mb ?? '?'} MB database restored (web_restore)`, '≤ 3000 ms',
    fig(result.browser?.ready_restored_ms, 'ms'), holds(cmp(result.browser?.ready_restored_ms, 3000))],
  ['ready with the city ledger restored (web_city)', '≤ 3000 ms', fig(result.browser?.ready_city_ms, 'ms'),
    holds(cmp(result.browser?.ready_city_ms, 3000))],
  ['export through 数据交换 in Chromium', 'finishes, within the heap', fig(result.browser?.city_export_s, 's'),
    holds(result.browser ? result.browser.city_export_s != null : null)],
  ['import through the UI in Chromium', '≤ 25 s', fig(result.browser?.city_import_s, 's'),
    holds(cmp(result.browser?.city_import_s, 25))],
];
const perSize = Object.entries(result.sizes).map(([n, r]) =>
  `| ${n} | ${r.file_plain_mb} MB / ${r.file_gz_mb} MB | ${r.import_native_s} s (${r.import_native_peak_mb} MB) | ` +
  `${r.import_wasm_s} s | ${r.import_peer_sqljs_s} s | ${r.reimport_same_file_native_s} s / ${r.reimport_same_content_native_s} s | ` +
  `${r.export_native_s} s | ${r.merge_native_s} s | ${r.db_mb} MB |`).join('\n');
const md = `# Performance

Written by \`bench/run.sh\` (${result.when}, commit ${result.commit}) on ${result.machine.cpus} × ${result.machine.model},
${result.machine.memGB} GB, load average at start ${result.machine.loadavg.join(' ')}, Node.js ${result.machine.node}.
Each figure is the median of ${runs} runs in this one run; the raw numbers are in \`bench/results/latest.json\`.
Ledgers come from \`hazard-ledger generate --seed 1 --towns 20 --enterprises N/5 --hazards N --signed\`.

## Targets (the largest size)

| figure | target | measured | |
|---|---|---|---|
${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}

## By size

| hazards | file plain / gzip | import native (peak) | import wasm | peer sql.js | re-import same file / same content | export | merge | database |
|---|---|---|---|---|---|---|---|---|
${perSize}

## Page queries (native, the largest size)

\`\`\`
${(big.page_queries || []).join('\n')}
\`\`\`
${result.browser ? `
## Browser (headless Chromium)

City-scale export and import through the UI (\`bench/web_city.mjs\`):

\`\`\`
${result.browser.city.join('\n')}
\`\`\`

Frame CPU time with the largest ledger (\`bench/web_frames.mjs\`):

\`\`\`
${result.browser.frames.join('\n')}
\`\`\`
` : ''}`;
fs.writeFileSync(path.join(ROOT, 'docs/performance.md'), md);
console.log('wrote bench/results/latest.json and docs/performance.md');
