// The peer for bench/run.sh (issue 14): what a page built on sql.js (SQLite compiled to wasm, from
// npm) and JSON.parse does with the same ledger file — parse it whole, then insert every record and
// every history event in one transaction into tables with the indexes of our schema (taken from a
// database that `hazard-ledger init` made). No checks, no merge, no history chain: a lower bound
// for "read a ledger into SQLite in the browser's engine".
//
//   node --max-old-space-size=8192 bench/peer_sqljs.mjs LEDGER[.gz] SCHEMA.db
// Prints one JSON line: {"parse_ms","insert_ms","total_ms","records","events","indexes","heap_peak_mb"}.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const initSqlJs = require('sql.js');

const [file, schemaDb] = process.argv.slice(2);
if (!file || !schemaDb) {
  console.error('usage: node bench/peer_sqljs.mjs LEDGER[.gz] SCHEMA.db');
  process.exit(2);
}
const KINDS = { enterprises: 'enterprise', inspections: 'inspection', hazards: 'hazard', work_injuries: 'work_injury',
  standards: 'standard', events: 'history_event' };

let heapPeak = 0;
const sample = () => { heapPeak = Math.max(heapPeak, process.memoryUsage().rss); };
const SQL = await initSqlJs();
// Our indexes, by table (CREATE INDEX statements as the schema has them).
const schema = new SQL.Database(fs.readFileSync(schemaDb));
const indexes = {};
for (const [table, sql] of schema.exec(
  "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")[0]?.values ?? []) {
  (indexes[table] ??= []).push(sql);
}
schema.close();

const t0 = performance.now();
let bytes = fs.readFileSync(file);
if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = zlib.gunzipSync(bytes);
const ledger = JSON.parse(bytes.toString('utf8'));
bytes = null;
sample();
const t1 = performance.now();

const db = new SQL.Database();
let records = 0, events = 0, made = 0;
const cell = (v) => (v === null || v === undefined ? null : typeof v === 'boolean' ? (v ? 1 : 0)
  : typeof v === 'object' ? JSON.stringify(v) : v);
db.run('BEGIN');
for (const [array, table] of Object.entries(KINDS)) {
  const rows = ledger[array] ?? [];
  const columns = [...new Set(rows.flatMap((r, i) => (i < 50 ? Object.keys(r) : [])))];
  if (!columns.length) continue;
  db.run(`CREATE TABLE ${table} (${columns.map((c) => (c === 'id' ? 'id TEXT PRIMARY KEY' : `"${c}"`)).join(', ')})`);
  for (const sql of indexes[table] ?? []) {
    try { db.run(sql); made++; } catch { /* an index on a column the file does not carry (e.g. origin_id) */ }
  }
  const st = db.prepare(`INSERT INTO ${table} VALUES (${columns.map(() => '?').join(', ')})`);
  for (const r of rows) {
    st.run(columns.map((c) => cell(r[c])));
    if (table === 'history_event') events++; else records++;
    if ((records + events) % 50000 === 0) sample();
  }
  st.free();
}
db.run('COMMIT');
sample();
const t2 = performance.now();
console.log(JSON.stringify({ parse_ms: Math.round(t1 - t0), insert_ms: Math.round(t2 - t1), total_ms: Math.round(t2 - t0),
  records, events, indexes: made, heap_peak_mb: Math.round(heapPeak / 1048576) }));
