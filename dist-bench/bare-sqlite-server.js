// The floor: node:http and sqlite3 inserting one row per POST, with the same
// pragmas as Calumet (WAL, synchronous NORMAL). No framework, no auth, no checks.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import sqlite3 from 'sqlite3';
const [file, port] = [process.argv[2], Number(process.argv[3])];
const db = new sqlite3.Database(file);
const run = (sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve())));
await run('PRAGMA journal_mode = WAL');
await run('PRAGMA synchronous = NORMAL');
await run('CREATE TABLE comments (id TEXT PRIMARY KEY, incident_id TEXT, direction TEXT, author_name TEXT, body TEXT, posted_at TEXT)');
createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
        const body = JSON.parse(raw);
        const row = { id: randomUUID(), incidentId: request.url.split('/')[3], ...body, postedAt: new Date().toISOString() };
        run('INSERT INTO comments VALUES (?, ?, ?, ?, ?, ?)', [row.id, row.incidentId, row.direction, row.authorName, row.body, row.postedAt]).then(() => {
            response.writeHead(201, { 'content-type': 'application/json' });
            response.end(JSON.stringify(row));
        }, (error) => {
            response.writeHead(500);
            response.end(error.message);
        });
    });
}).listen(port, '127.0.0.1', () => process.send?.('ready'));
//# sourceMappingURL=bare-sqlite-server.js.map