/**
 * Preloaded (`node -r`) into every process the bench starts. The runner asks it, over the IPC channel,
 * for process.memoryUsage() or for a normal exit: `process.exit()` lets `--cpu-prof` write its profile,
 * which a signal would not (Nest's shutdown hooks re-raise the signal after closing the app).
 * Imports nothing, so it runs before the app and without path aliases.
 */
process.on('message', (message: unknown) => {
  const type = (message as { type?: string } | null)?.type;
  if (type === 'exit') process.exit(0);
  if (type === 'memory') process.send?.({ type: 'memory', memory: process.memoryUsage() });
});
// The runner died: do not outlive it.
process.on('disconnect', () => process.exit(0));
