// Ctrl-C while the charts are drawn stops the run at once (issue 17): the charts are drawn on worker
// threads, so the CLI's thread hears the signal mid-drawing and the previous output stays as it was.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MARKER } from '../../src/report/write-atomic.js';
import { testTimeoutMs } from '../property/budget.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-charts-kill-');

const cli = join(import.meta.dirname, '../../dist/bin/poolsim.js');

// Every file of a (flat) directory with its text.
const contents = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

describe('a run stopped while its charts are drawn', () => {
  it(
    'Ctrl-C: exit 130 with one line, the previous output untouched and no staging left',
    async () => {
      const dir = tmp();
      // node-size over a day: thousands of samples a series, seconds of drawing.
      const scenario = join(dir, 'long.yaml');
      const day = readFileSync('scenarios/node-size.yaml', 'utf8').replace(/^duration: 1h$/m, 'duration: 24h');
      expect(day).toContain('duration: 24h');
      writeFileSync(scenario, day);
      // A previous output: poolsim's, by its marker.
      const out = join(dir, 'o');
      mkdirSync(out);
      writeFileSync(join(out, MARKER), 'Written by poolsim run: this directory is replaced by the next run.\n');
      writeFileSync(join(out, 'keep.txt'), 'the previous run\n');
      const before = contents(out);

      const child = spawn(process.execPath, [cli, 'run', scenario, '--out', out], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let [stdout, stderr] = ['', ''];
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      let ended = false;
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on('exit', (code, signal) => {
          ended = true;
          resolve({ code, signal });
        }),
      );
      // The charts are being drawn once the first design's charts/ is in the staging directory
      // (o.tmp-…): each chart goes there as it is drawn, the first design's first.
      const staging = () => readdirSync(dir).filter((name) => name.startsWith('o.tmp-'));
      while (!staging().some((name) => existsSync(join(dir, name, 'big', 'charts')))) {
        if (ended) throw new Error(`the run ended before drawing its charts; stderr: ${stderr}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      child.kill('SIGINT');

      expect(await exited).toEqual({ code: 130, signal: null });
      expect(stderr).toMatch(/^poolsim: interrupted \(SIGINT\); [^\n]*earlier output is as it was\n$/);
      expect(stdout).toBe('');
      expect(contents(out)).toEqual(before);
      expect(readdirSync(dir).filter((name) => /^o\.(tmp|old)-/.test(name))).toEqual([]);
    },
    testTimeoutMs(1, 20),
  );
});
