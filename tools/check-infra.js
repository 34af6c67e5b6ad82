// `npm test` runs every suite on the embedded default and again on PostgreSQL, Redis and NATS.
// Fail fast, naming what is missing, instead of a wall of connection errors.
const net = require('node:net');
const targets = [
  ['PostgreSQL', process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', 5432],
  ['Redis', process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
  ['NATS', process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222', 4222],
];
function probe([name, url, fallback]) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || fallback) });
    s.setTimeout(2000);
    s.once('connect', () => {
      s.destroy();
      resolve(null);
    });
    s.once('timeout', () => {
      s.destroy();
      resolve(`${name} (${url}) timed out`);
    });
    s.once('error', (e) => resolve(`${name} (${url}): ${e.message}`));
  });
}
Promise.all(targets.map(probe)).then((errors) => {
  const missing = errors.filter(Boolean);
  if (missing.length === 0) return;
  console.error(
    `npm test needs PostgreSQL, Redis and NATS JetStream for its real-infrastructure pass:\n  ${missing.join('\n  ')}\nStart them (see README, "Running the tests"), or run only the embedded pass: npm run test:embedded`,
  );
  process.exit(1);
});
