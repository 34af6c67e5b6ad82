/**
 * V8 flags every Weft app process runs with: `npm start` passes them, the image sets them in
 * NODE_OPTIONS, the bench starts the apps with them.
 *
 * Why: with V8's default young generation (semi-spaces up to 16 MB on 64-bit) an idle app held about
 * 88 MB of heap for 53 MB live, and 151 MB RSS. With 2 MB semi-spaces it holds 54 MB of heap and about
 * 120 MB RSS (docs/benchmarks.md, "Memory"). Source maps are not enabled in production processes: they
 * kept another 17 MB of map text alive per app and map every stack trace an error builds.
 */
export const APP_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
