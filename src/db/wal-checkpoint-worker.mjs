// The thread behind checkpointInBackground (client.sqlite.ts): its own connection to the server's
// SQLite file, copying the WAL's committed pages into the database every `intervalMs`. Plain
// JavaScript, so that it starts the same under tsx and vitest.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

let db;
try {
  db = new Database(workerData.path, { fileMustExist: true });
} catch (err) {
  // a plain Error reaches the parent intact (better-sqlite3's own arrives as a bare object)
  throw new Error(`Cannot open ${workerData.path} for WAL checkpoints: ${err.message}`);
}
// PASSIVE: copy what no reader still needs, without waiting for readers or writers.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => {
  try {
    checkpoint.run();
  } catch {
    // the file is busy or going away: the next round tries again
  }
}, workerData.intervalMs);
parentPort.postMessage('ready');

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
  process.exit(0);
});
