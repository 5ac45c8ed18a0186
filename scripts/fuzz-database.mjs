// A throw-away database on the server of DATABASE_URL for scripts/schemathesis.sh:
//   node scripts/fuzz-database.mjs create <name>   → prints the new database's URL
//   node scripts/fuzz-database.mjs drop <name>
import postgres from 'postgres';

const [command, name] = process.argv.slice(2);
if (!/^[a-z_][a-z0-9_]*$/.test(name ?? '') || !['create', 'drop'].includes(command)) {
  console.error('usage: fuzz-database.mjs create|drop <name>');
  process.exit(2);
}
const server = process.env.DATABASE_URL;
if (!server) {
  console.error('DATABASE_URL is not set');
  process.exit(2);
}
const admin = postgres(server, { max: 1, onnotice: () => {} });
try {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  if (command === 'create') {
    await admin.unsafe(`create database ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    console.log(url.toString());
  }
} finally {
  await admin.end();
}
