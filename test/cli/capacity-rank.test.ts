// `poolsim capacity --rank`: every built-in type ranked for a pod shape, as a table, CSV or JSON,
// filtered and cut to the top N, with a chart file; bad flags are refused with exit 2.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { tempFolders } from '../temp-folders.js';

const tmp = tempFolders('poolsim-rank-');
const POD = ['--pod-cpu', '500m', '--pod-memory', '1Gi'];

describe('poolsim capacity --rank', () => {
  it('prints the cheapest types per pod-hour first, with units and a line saying what it covered', async () => {
    const r = await runCli(
      'capacity',
      '--rank',
      ...POD,
      '--provider',
      'gke',
      '--filter',
      'family=e2-standard',
      '--top',
      '3',
    );
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#\s+instance type\s+vCPU\s+memory\s+per hour\s+pods\/node\s+binds\s+stranded CPU/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^1\s+e2-standard-\d+\s/);
    expect(lines[4]).toMatch(/^\d+ types \(gke\), the first 3 shown\. Cost per pod-hour: /);
  });

  it('gives the same rows as CSV and as JSON, filtered by family across providers', async () => {
    const args = ['capacity', '--rank', ...POD, '--filter', 'family=m5,e2-standard,Standard_Ds_v5'];
    const csv = (await runCli(...args, '--csv')).stdout.trim().split('\n');
    const json = JSON.parse((await runCli(...args, '--json')).stdout) as Array<Record<string, unknown>>;
    expect(csv).toHaveLength(json.length + 1);
    expect(new Set(json.map((r) => r.provider))).toEqual(new Set(['gke', 'eks', 'aks']));
    expect(json.find((r) => r.instance_type === 'm5.large')).toMatchObject({
      pods_per_node: 3,
      binding_resource: 'cpu',
      cost_per_pod_hour_usd: 0.032,
    });
    const costs = json.map((r) => r.cost_per_pod_hour_usd as number);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it('writes the scatter of cost per pod-hour against stranded share', async () => {
    const dir = tmp();
    const r = await runCli(
      'capacity',
      '--rank',
      ...POD,
      '--provider',
      'eks',
      '--top',
      '2',
      '--chart',
      join(dir, 'rank.svg'),
    );
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'rank.svg'), 'utf8')).toContain('cost per pod-hour (USD)');
    await runCli('capacity', '--rank', ...POD, '--provider', 'eks', '--chart', join(dir, 'rank.vl.json'));
    expect(JSON.parse(readFileSync(join(dir, 'rank.vl.json'), 'utf8')).mark.type).toBe('point');
  });

  it('refuses what it cannot rank, exit 2', async () => {
    const r = await runCli('capacity', '--rank', '--instance', 'm5.large', '--filter', 'family=m9', '--top', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--instance: describes one node');
    expect(r.stderr).toContain('--pod-cpu: missing; --rank needs a pod shape');
    expect(r.stderr).toContain('--filter: no built-in type has family "m9"');
    expect(r.stderr).toContain('--top:');
    const without = await runCli('capacity', '--instance', 'm5.large', '--top', '3');
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('--top: applies only with --rank');
  });
});
