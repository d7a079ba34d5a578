import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { jestVendor } from './jest-vendor.mjs';

const names = (keys) => keys.filter((name) => name !== 'default' && name !== '__esModule').sort();
/** The package's names as Node itself loads it (its CommonJS build), outside Jest and its mapping. */
const original = (specifier) => JSON.parse(execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`], { encoding: 'utf8' }));

describe('the packages Jest loads as one file each', () => {
  it('answers, for each specifier, a built file with every name the package itself exports', async () => {
    const mapper = await jestVendor();
    expect(Object.keys(mapper).length).toBeGreaterThanOrEqual(4);
    for (const [pattern, file] of Object.entries(mapper)) {
      const specifier = pattern.slice(1, -1).replace(/\\/g, '');
      const built = file.endsWith('.cjs') ? createRequire(import.meta.url)(file) : await import(file);
      expect({ specifier, names: names(Object.keys(built)) }).toEqual({ specifier, names: names(original(specifier)) });
    }
  });

  it('builds rxjs and rxjs/operators together: one Observable, one operator of each', async () => {
    const mapper = await jestVendor();
    const rxjs = await import(mapper['^rxjs$']);
    const operators = await import(mapper['^rxjs\\/operators$']);
    expect(operators.map).toBe(rxjs.map);
    expect(rxjs.isObservable(rxjs.of(1).pipe(operators.map((n) => n + 1)))).toBe(true);
  });
});
