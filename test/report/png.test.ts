// Our PNG encoder against resvg's own: the same pixels (decoded here, every filter type resvg's
// encoder uses), premultiplied colours made straight as resvg makes them.
import { Resvg } from '@resvg/resvg-js';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../src/report/png.js';

// Pixels of an 8-bit RGBA, non-interlaced PNG, as straight RGBA.
function decodePng(png: Uint8Array): { width: number; height: number; pixels: Uint8Array } {
  const bytes = Buffer.from(png);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let [width, height] = [0, 0];
  const data: Buffer[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      expect([...body.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') data.push(body);
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * 4;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predicted = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter]!;
      pixels[y * stride + x] = (v + predicted) & 0xff;
    }
  }
  return { width, height, pixels };
}

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">' +
  '<rect x="4" y="4" width="50" height="20" fill="#ff8000" fill-opacity="0.5"/>' +
  '<circle cx="70" cy="20" r="15" fill="#3366cc" fill-opacity="0.3" stroke="#222" stroke-opacity="0.7"/>' +
  '<path d="M0 39 L120 0" stroke="#0a0" stroke-width="3"/></svg>';

describe('encodePng', () => {
  it("holds the same pixels as resvg's own PNG, half-transparent ones included", () => {
    const image = new Resvg(SVG, { fitTo: { mode: 'zoom', value: 2 } }).render();
    const ours = decodePng(encodePng(image.width, image.height, image.pixels));
    const theirs = decodePng(image.asPng());
    expect([ours.width, ours.height]).toEqual([240, 80]);
    expect([theirs.width, theirs.height]).toEqual([240, 80]);
    const alphas = new Set([...ours.pixels].filter((_, i) => i % 4 === 3));
    expect(alphas.size).toBeGreaterThan(10); // clear, opaque and many in between
    expect(Buffer.from(ours.pixels).equals(Buffer.from(theirs.pixels))).toBe(true);
  });

  it('refuses pixels that are not width × height × 4 bytes', () => {
    expect(() => encodePng(3, 2, new Uint8Array(23))).toThrow(/23 bytes for 3 × 2 pixels/);
  });
});
