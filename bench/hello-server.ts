import Fastify from 'fastify';
import pg from 'pg';

/**
 * The physical limit for page serving: a bare Fastify hello-world on the same machine and Node.
 * With DATABASE_URL it also answers /db with one `SELECT 1` round trip through a pg pool, a reference for
 * what a database query costs on top of the bare server.
 */
const app = Fastify({ logger: false });
const pool = process.env.DATABASE_URL ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 }) : null;
app.get('/', async () => 'hello world');
app.get('/health', async () => ({ status: 'ok' }));
if (pool) app.get('/db', async () => (await pool.query('SELECT 1 AS one')).rows[0]);
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3001) });
const stop = () =>
  app
    .close()
    .then(() => pool?.end())
    .then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
