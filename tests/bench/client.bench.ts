import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../client/dist', import.meta.url).pathname;

/** Gzip size of what the first page load fetches: the entry script, its preloads and the CSS. */
export async function clientBench() {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]!);
  const size = (files: string[]) => Math.round(files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f))).length, 0) / 102.4) / 10;
  const js = refs.filter((f) => f.endsWith('.js'));
  const css = refs.filter((f) => f.endsWith('.css'));
  return {
    initialJsGzipKb: size(js),
    initialCssGzipKb: size(css),
    files: refs.map((f) => ({ file: f, bytes: statSync(join(dist, f)).size })),
    calendarRender: 'not measured yet: the calendar arrives with issue #4',
    targets: { initialJsGzipKb: '<= 300' },
  };
}
