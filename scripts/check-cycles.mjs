#!/usr/bin/env node
// Fails when folders under src/ import each other in a cycle, when shared
// plumbing imports a feature, or when a file imports another feature's entity
// (a feature's table is read and written by that feature only; the others ask
// its service or repository). Every relative import counts, `import type`
// included: a folder cycle is a design smell even when erased at runtime.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PLUMBING = ['common', 'config', 'database', 'i18n', 'queue', 'timeline'];
/** Folders whose entities any folder may import: the kernel every feature stands on. */
export const KERNEL = ['common', 'config', 'database', 'queue', 'timeline', 'auth'];

const IMPORT = /(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

export function importsOf(source) {
  return [...source.matchAll(IMPORT)].map((match) => match[1]);
}

/** The folder of a path relative to src/ (files directly in src/ have none). */
export function folderOf(path) {
  const parts = path.split('/');
  return parts.length > 1 ? parts[0] : undefined;
}

/** files: { 'incidents/x.ts': source } → Map(from folder → Map(to folder → 'file → import')). */
export function folderGraph(files) {
  const graph = new Map();
  for (const [file, source] of Object.entries(files)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const specifier of importsOf(source)) {
      const target = join(dirname(file), specifier).split(sep).join('/');
      const to = folderOf(target);
      if (!to || to === from || target.startsWith('..')) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from).has(to)) graph.get(from).set(to, `${file} → ${specifier}`);
    }
  }
  return graph;
}

/** One cycle per strongly connected component (Tarjan), each as a list of folders. */
export function findCycles(graph) {
  const index = new Map(), low = new Map(), stack = [], onStack = new Set(), cycles = [];
  const visit = (node) => {
    index.set(node, index.size);
    low.set(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node), index.get(next)));
    }
    if (low.get(node) !== index.get(node)) return;
    const component = new Set();
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.add(member);
    } while (member !== node);
    if (component.size > 1) cycles.push(cycleWithin(graph, node, component));
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles;
}

function cycleWithin(graph, start, component) {
  const path = [start];
  const seen = new Set([start]);
  const walk = (node) => {
    for (const next of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (next === start) return true;
      if (!component.has(next) || seen.has(next)) continue;
      seen.add(next);
      path.push(next);
      if (walk(next)) return true;
      path.pop();
    }
    return false;
  };
  walk(start);
  return [...path, start];
}

/** The import's target relative to src/, or undefined when it leaves src/. */
function targetOf(file, specifier) {
  const target = join(dirname(file), specifier).split(sep).join('/');
  return target.startsWith('..') ? undefined : target;
}

/**
 * Imports of another folder's `*.entity.ts` (outside the kernel), by files that
 * are not tests: files: { 'agenda/x.ts': source } → [{ file, specifier, target }].
 */
export function entityImports(files, kernel = KERNEL) {
  const found = [];
  for (const [file, source] of Object.entries(files)) {
    const from = folderOf(file);
    if (!from || file.endsWith('.spec.ts')) continue;
    for (const specifier of importsOf(source)) {
      const target = targetOf(file, specifier);
      const to = target && folderOf(target);
      if (!to || to === from || kernel.includes(to) || !/\.entity\.js$/.test(target)) continue;
      found.push({ file, specifier, target });
    }
  }
  return found;
}

/** Imports from plumbing folders into features. */
export function plumbingViolations(graph, plumbing = PLUMBING) {
  const found = [];
  for (const from of plumbing) {
    for (const [to, example] of graph.get(from) ?? []) if (!plumbing.includes(to)) found.push({ from, to, example });
  }
  return found;
}

/** What entityImports() found, each as `file → import`: every one is refused. */
export function entityProblems(found) {
  return { refused: found.map(({ file, specifier }) => `${file} → ${specifier}`) };
}

export function problems(graph, entities = { refused: [] }) {
  const lines = [];
  for (const cycle of findCycles(graph)) {
    lines.push(`cycle: ${cycle.join(' → ')}`);
    for (let i = 0; i < cycle.length - 1; i++) lines.push(`  ${graph.get(cycle[i]).get(cycle[i + 1])}`);
  }
  for (const { from, to, example } of plumbingViolations(graph)) {
    lines.push(`plumbing ${from} imports feature ${to}: ${example}`);
  }
  for (const line of entities.refused) lines.push(`entity of another feature: ${line}`);
  return lines;
}

function sourcesUnder(root) {
  const files = {};
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files[relative(root, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(root);
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'src');
  const files = sourcesUnder(src);
  const found = problems(folderGraph(files), entityProblems(entityImports(files)));
  if (found.length > 0) {
    console.error(found.join('\n'));
    process.exit(1);
  }
  console.log('check:cycles: no cycles between folders of src/, plumbing imports no feature, no feature imports another\'s entity');
}
