// What Ctrl-C says became of the output (issue 17): discarded, already written whole, or nothing,
// as abandonStagedOutputs finds it. Each test loads the module afresh: it remembers what this
// process committed.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const tmp = () => {
  const folder = mkdtempSync(join(tmpdir(), 'poolsim-interrupted-'));
  folders.push(folder);
  return folder;
};

const fresh = async () => {
  vi.resetModules();
  return import('../../src/report/write-atomic.js');
};

describe('abandonStagedOutputs', () => {
  it('nothing open, nothing committed: nothing was written', async () => {
    const { abandonStagedOutputs } = await fresh();
    expect(abandonStagedOutputs()).toBe('nothing was written');
  });

  it('an output being written: discarded, its staging directory and lock gone, the earlier output kept', async () => {
    const dir = tmp();
    const out = join(dir, 'out');
    (await fresh()).writeDirectoryAtomically(out, new Map([['a.txt', 'before\n']]));
    const { abandonStagedOutputs, StagedOutput } = await fresh(); // a new process, as it were
    const staged = StagedOutput.open(out);
    staged.write('a.txt', 'after\n');
    expect(abandonStagedOutputs()).toBe(
      `the unfinished output for ${out} was discarded, the earlier output is as it was`,
    );
    expect(existsSync(staged.staging)).toBe(false);
    expect(readdirSync(dir)).toEqual(['out']);
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('before\n');
  });

  it('an output committed before the signal: written whole', async () => {
    const { abandonStagedOutputs, StagedOutput, writeFileAtomically } = await fresh();
    const dir = tmp();
    const staged = StagedOutput.open(join(dir, 'out'));
    staged.write('a.txt', 'a\n');
    staged.commit();
    expect(abandonStagedOutputs()).toBe(`${join(dir, 'out')} had already been written whole`);
    writeFileAtomically(join(dir, 'baseline.json'), '{}\n');
    expect(abandonStagedOutputs()).toBe(
      `${join(dir, 'out')} and ${join(dir, 'baseline.json')} had already been written whole`,
    );
  });

  it('one written whole and one being written: both said', async () => {
    const { abandonStagedOutputs, StagedOutput } = await fresh();
    const dir = tmp();
    const first = StagedOutput.open(join(dir, 'a'));
    first.commit();
    StagedOutput.open(join(dir, 'b'));
    expect(abandonStagedOutputs()).toBe(
      `${join(dir, 'a')} had already been written whole; the unfinished output for ${join(dir, 'b')} was discarded, the earlier output is as it was`,
    );
    expect(readdirSync(dir)).toEqual(['a']);
  });
});
