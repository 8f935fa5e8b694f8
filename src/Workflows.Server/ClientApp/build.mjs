// Bundles the browser islands into wwwroot/dist, one bundle per page, so a page loads only what it shows.
import { build } from 'esbuild';
import { mkdir, writeFile } from 'node:fs/promises';

const outdir = new URL('../wwwroot/dist/', import.meta.url).pathname;
await mkdir(outdir, { recursive: true });

await build({
  entryPoints: {
    tracking: 'src/tracking.js',
    designer: 'src/designer/index.js',
    form: 'src/form.js',
    formdesigner: 'src/formdesigner/index.js',
    app: 'src/app.js',
    fonts: 'src/fonts.css',
  },
  bundle: true,
  minify: true,
  sourcemap: false,
  format: 'iife',
  target: ['es2020'],
  outdir,
  assetNames: 'assets/[name]-[hash]',
  loader: {
    '.woff': 'file',
    '.woff2': 'file',
    '.ttf': 'file',
    '.eot': 'file',
    '.svg': 'dataurl',
    '.png': 'dataurl',
  },
  logLevel: 'warning',
});

// The MSBuild target compares this stamp with the sources to skip work when nothing changed.
await writeFile(new URL('.stamp', `file://${outdir}`), new Date().toISOString());
