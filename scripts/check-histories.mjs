// @ts-check
// The replay corpus is append-only: each recorded history is written once, from the code of
// its day, and never rewritten, so the replay test proves that today's code still runs the
// orders started under earlier code. test/replay/histories/MANIFEST.sha256 holds the checksum
// of every history file (sha256sum's format).
//   npm run check:histories             fails when a listed file changed or is gone, or a
//                                        history file is not listed
//   npm run check:histories -- --add    lists new files; never changes a listed one
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @param {string} file */
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * What is wrong with the corpus in `dir`: one line per problem.
 * @param {string} dir
 * @returns {string[]}
 */
export function corpusProblems(dir) {
  const manifest = resolve(dir, 'MANIFEST.sha256');
  const listed = readManifest(manifest);
  const problems = [];
  for (const [name, sum] of listed) {
    const file = resolve(dir, name);
    if (!existsSync(file)) problems.push(`${name}: deleted; recorded histories are never removed`);
    else if (sha256(file) !== sum) problems.push(`${name}: modified; record a new file (its name carries the version) instead`);
  }
  for (const name of historyFiles(dir))
    if (!listed.has(name)) problems.push(`${name}: not in MANIFEST.sha256; run npm run check:histories -- --add`);
  return problems;
}

/**
 * Lists the history files the manifest does not know yet; answers their names.
 * @param {string} dir
 * @returns {string[]}
 */
export function addNewHistories(dir) {
  const manifest = resolve(dir, 'MANIFEST.sha256');
  const listed = readManifest(manifest);
  const added = historyFiles(dir).filter((name) => !listed.has(name));
  for (const name of added) listed.set(name, sha256(resolve(dir, name)));
  const lines = [...listed].sort(([a], [b]) => a.localeCompare(b)).map(([name, sum]) => `${sum}  ${name}`);
  writeFileSync(manifest, `${lines.join('\n')}\n`);
  return added;
}

/** @param {string} dir */
function historyFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
}

/**
 * @param {string} manifest
 * @returns {Map<string, string>}
 */
function readManifest(manifest) {
  const listed = new Map();
  if (!existsSync(manifest)) return listed;
  for (const line of readFileSync(manifest, 'utf8').split('\n')) {
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line.trim());
    if (m) listed.set(m[2], m[1]);
  }
  return listed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--dir');
  const dir = at > 0 ? resolve(process.argv[at + 1]) : resolve(dirname(fileURLToPath(import.meta.url)), '../test/replay/histories');
  if (process.argv.includes('--add')) {
    const added = addNewHistories(dir);
    console.log(added.length ? `listed ${added.join(', ')}` : 'no new history files');
  } else {
    const problems = corpusProblems(dir);
    for (const p of problems) console.error(p);
    if (problems.length) process.exit(1);
    console.log('replay corpus intact: every recorded history unchanged');
  }
}
