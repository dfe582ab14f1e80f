/**
 * First-load JavaScript of the client's pages: what a browser must fetch before the sign-in page,
 * the home page or the room can show — the entry and every chunk it or the page's route component
 * imports statically, followed through the build's own chunk graph — raw, gzip (level 9) and
 * Brotli (quality 11, as tools/build/precompress.ts serves it), CSS apart. In the same run a bare
 * counterpart (bench/bareClient: the same framework pieces, nothing of OncoBoard's own) is built
 * with the same Vite config, and its pages give the floor. Both builds go to a temporary directory,
 * never to dist/. Prints its figures; a measurement, so it exits 0 whether the target is met or not.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

const TARGET_KB = 150;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG_FILE = path.join(ROOT, 'vite.config.ts');

interface Page {
  name: string;
  /** The route component's source (below the build's root), or none for the bare app's entry alone. */
  app: string;
  bare: string;
  /** The page the person comes from: the figure is then what entering adds to it. */
  from?: string;
  /** Held to the first-load target. */
  target: boolean;
}

const PAGES: Page[] = [
  { name: 'sign-in /entrar', app: 'views/LoginView.vue', bare: 'signInPage.ts', target: true },
  { name: 'home /', app: 'views/HomeView.vue', bare: 'homePage.ts', target: true },
  { name: 'room, opened by its link', app: 'views/RoomPage.vue', bare: 'roomPage.ts', target: false },
  { name: 'room, entered from home', app: 'views/RoomPage.vue', bare: 'roomPage.ts', from: 'home /', target: false },
];

/** What only some pages use, and the pages whose first load must not carry it. */
const LAZY_PIECES = [
  // pdf.js's code, not the address of its worker (`…pdf.worker.min.mjs?url`), which the viewer's chunk holds.
  { name: 'pdf.js', module: /node_modules\/pdfjs-dist\/.*\.mjs$/, notIn: ['sign-in /entrar', 'home /', 'room, opened by its link'] },
  { name: 'the room (mediasoup-client)', module: /node_modules\/mediasoup-client\//, notIn: ['sign-in /entrar', 'home /'] },
  { name: 'DICOM viewer (dicom-parser)', module: /node_modules\/dicom-parser\//, notIn: ['sign-in /entrar', 'home /', 'room, opened by its link'] },
  { name: 'English messages', module: /client\/i18n\/en\//, notIn: ['sign-in /entrar', 'home /', 'room, opened by its link'] },
];

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

interface Built {
  outDir: string;
  chunks: Map<string, Rolldown.OutputChunk>;
  entry: Rolldown.OutputChunk;
}

async function buildClient(outDir: string, root?: string): Promise<Built> {
  // Rolldown's note on slow plugins (the precompression) is left out of the figures; warnings stay.
  const output = await build({
    configFile: CONFIG_FILE,
    logLevel: 'warn',
    ...(root ? { root } : {}),
    build: { outDir, emptyOutDir: true, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
  if (!('output' in output)) throw new Error('expected one build output');
  const chunks = new Map(output.output.filter((item): item is Rolldown.OutputChunk => item.type === 'chunk').map((chunk) => [chunk.fileName, chunk]));
  const entry = [...chunks.values()].find((chunk) => chunk.isEntry);
  if (!entry) throw new Error(`no entry chunk in ${outDir}`);
  return { outDir, chunks, entry };
}

/** The chunk whose module is `source` (a path below the build's root). */
function chunkOf(built: Built, source: string): Rolldown.OutputChunk {
  const chunk = [...built.chunks.values()].find((candidate) => candidate.facadeModuleId?.endsWith(`/${source}`));
  if (!chunk) throw new Error(`no chunk for ${source}: was it renamed?`);
  return chunk;
}

/** The entry and `page`'s chunk with everything they import statically: what loads before the page shows. */
function firstLoad(built: Built, page: Page, side: 'app' | 'bare'): Set<string> {
  const loaded = new Set<string>();
  const visit = (fileName: string) => {
    if (loaded.has(fileName)) return;
    loaded.add(fileName);
    for (const imported of built.chunks.get(fileName)?.imports ?? []) visit(imported);
  };
  visit(built.entry.fileName);
  visit(chunkOf(built, page[side]).fileName);
  return loaded;
}

/** A page's chunks, less those of the page it is entered from. */
function chunksOf(built: Built, page: Page, side: 'app' | 'bare'): Set<string> {
  const loaded = firstLoad(built, page, side);
  const from = page.from && PAGES.find((candidate) => candidate.name === page.from);
  if (from) for (const already of firstLoad(built, from, side)) loaded.delete(already);
  return loaded;
}

const sizesCache = new Map<string, Sizes>();
/** Each file compressed on its own, as it is sent. */
function sizesOf(file: string): Sizes {
  let sizes = sizesCache.get(file);
  if (!sizes) {
    const content = readFileSync(file);
    sizes = {
      raw: content.length,
      gzip: gzipSync(content, { level: 9 }).length,
      brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length } }).length,
    };
    sizesCache.set(file, sizes);
  }
  return sizes;
}

function total(built: Built, files: Iterable<string>): Sizes {
  const sum: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  for (const file of files) {
    const sizes = sizesOf(path.join(built.outDir, file));
    sum.raw += sizes.raw;
    sum.gzip += sizes.gzip;
    sum.brotli += sizes.brotli;
  }
  return sum;
}

const cssOf = (built: Built, chunks: Set<string>) => new Set([...chunks].flatMap((fileName) => [...(built.chunks.get(fileName)?.viteMetadata?.importedCss ?? [])]));

/** The biggest contributors to a set of chunks, by their minified size (before compression), grouped by package or source folder. */
function heaviest(built: Built, chunks: Set<string>, count: number): string {
  const byOwner = new Map<string, number>();
  for (const fileName of chunks) {
    for (const [id, module] of Object.entries(built.chunks.get(fileName)?.modules ?? {})) {
      const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id)?.[1];
      const owner = packageName ?? path.relative(ROOT, id).split(/[/?]/).slice(0, 2).join('/');
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + module.renderedLength);
    }
  }
  return [...byOwner]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([owner, length]) => `${owner} ${kB(length)}`)
    .join(', ');
}

const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const cell = (text: string, width: number) => text.padEnd(width);
const number = (text: string, width: number) => text.padStart(width);

const workDir = mkdtempSync(path.join(tmpdir(), 'oncoboard-bundle-'));
try {
  const app = await buildClient(path.join(workDir, 'app'));
  const bare = await buildClient(path.join(workDir, 'bare'), path.join(ROOT, 'bench/bareClient'));

  console.log('\nFirst-load JavaScript per page (kB = 1000 bytes; each file compressed on its own: gzip level 9, Brotli quality 11)');
  console.log(`Target: under ${TARGET_KB} kB gzip for the sign-in and home pages; the room and pdf.js loaded only when used.\n`);
  const header = [
    cell('page', 26),
    number('files', 5),
    number('raw', 8),
    number('gzip', 8),
    number('brotli', 8),
    number('css gz', 7),
    cell('  target', 10),
    cell('met', 8),
    number('bare gz', 8),
    number('× bare', 7),
  ];
  console.log(header.join(' '));
  for (const page of PAGES) {
    const chunks = chunksOf(app, page, 'app');
    const js = total(app, chunks);
    const css = total(app, cssOf(app, chunks));
    const floor = total(bare, chunksOf(bare, page, 'bare'));
    const held = page.target ? `< ${TARGET_KB} kB` : '—';
    const met = page.target ? (js.gzip < TARGET_KB * 1000 ? 'met' : 'NOT MET') : '—';
    console.log(
      [
        cell(page.name, 26),
        number(String(chunks.size), 5),
        number(kB(js.raw), 8),
        number(kB(js.gzip), 8),
        number(kB(js.brotli), 8),
        number(kB(css.gzip), 7),
        cell(`  ${held}`, 10),
        cell(met, 8),
        number(kB(floor.gzip), 8),
        number((js.gzip / floor.gzip).toFixed(2), 7),
      ].join(' '),
    );
  }

  console.log(
    "\nbare gz: the same page of bench/bareClient (Vue, Pinia, vue-router, vue-i18n; its home adds socket.io-client, its room mediasoup-client), built in this run.\n'room, entered from home': what the room adds to the home page's first load.",
  );
  console.log('\nWhat each first load carries, largest first (minified kB before compression):');
  for (const page of PAGES) console.log(`  ${page.name}: ${heaviest(app, chunksOf(app, page, 'app'), 8)}`);
  console.log(`  bare home: ${heaviest(bare, chunksOf(bare, PAGES[1]!, 'bare'), 8)}`);

  console.log('\nLoaded only when used:');
  for (const piece of LAZY_PIECES) {
    const holding = [...app.chunks.values()].filter((chunk) => chunk.moduleIds.some((id) => piece.module.test(id))).map((chunk) => chunk.fileName);
    const carriedBy = PAGES.filter((page) => piece.notIn.includes(page.name) && holding.some((fileName) => firstLoad(app, page, 'app').has(fileName)));
    const verdict =
      carriedBy.length === 0 ? `yes, in the first load of none of: ${piece.notIn.join('; ')}` : `NO: in the first load of ${carriedBy.map((page) => page.name).join('; ')}`;
    console.log(`  ${cell(piece.name, 28)} ${verdict} (chunks holding it: ${kB(total(app, holding).gzip)} kB gzip)`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
