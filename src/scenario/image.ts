// A container image as the simulation pulls it: its name, size and layers, each layer named so that
// images sharing a layer (a new tag on the same base) share it on a node's disk.
import type { Located } from './issues.js';
import type { Image } from './model.js';
import type { Path } from './source.js';

/** WrittenImage is an image as the scenario (or a manifest, by name alone) writes it. */
export interface WrittenImage {
  readonly name: string;
  readonly size?: number | undefined;
  readonly layers?: ReadonlyArray<number | { readonly size: number; readonly digest: string }> | undefined;
}

/** normalizeImage checks an image's size and layers; an unnamed layer is the image's own (`name#i`). */
export function normalizeImage(path: Path, w: WrittenImage, problems: Located[]): Image {
  const layers = (w.layers ?? []).map((l, i) =>
    typeof l === 'number' ? { bytes: l, id: `${w.name}#${i}` } : { bytes: l.size, id: l.digest },
  );
  const size = w.size ?? (layers.length > 0 ? layers.reduce((a, l) => a + l.bytes, 0) : 0);
  if (size > 2 ** 40)
    problems.push({
      path: [...path, 'size'],
      message: `${size} bytes is beyond 1 TiB, larger than any container image; expected a real size, e.g. 1G`,
    });
  const all = layers.length > 0 ? layers : size > 0 ? [{ bytes: size, id: `${w.name}#0` }] : [];
  const sum = all.reduce((a, l) => a + l.bytes, 0);
  if (sum !== size)
    problems.push({
      path: [...path, 'layers'],
      message: `the layers add up to ${sum} bytes but size is ${size}; expected layers that add up to size`,
    });
  return { name: w.name, sizeBytes: size, layerBytes: all.map((l) => l.bytes), layerIds: all.map((l) => l.id) };
}
