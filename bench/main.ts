import { join } from 'node:path';
import { register } from 'tsconfig-paths';

// bench/ is compiled, with the app and library sources it composes, into node_modules/.cache/weft-bench;
// the @weft/* aliases resolve there (the apps themselves run from a copy of dist/, as `npm start` runs them).
register({ baseUrl: join(__dirname, '..'), paths: { '@weft/*': ['libs/*/src'] } });

/** `node node_modules/.cache/weft-bench/bench/main.js [run|edge on|off|raw-insert …|reconcile …|profile <file>]`: one entry, so every role gets the aliases. */
async function main(): Promise<void> {
  const [role = 'run', ...args] = process.argv.slice(2);
  switch (role) {
    case 'run': {
      if (args.includes('--scenario')) {
        const { runScenario } = await import('./scenario');
        process.exitCode = await runScenario(args);
        return;
      }
      const { runBench } = await import('./run');
      process.exitCode = await runBench(args);
      return;
    }
    case 'edge': {
      const { runEdge } = await import('./edge/edge-main');
      await runEdge(args[0] === 'on');
      return;
    }
    case 'raw-insert': {
      const { rawInsert } = await import('./raw-insert');
      const result = await rawInsert(args);
      process.stdout.write(`${JSON.stringify({ result })}\n`);
      process.exit(0);
      return;
    }
    case 'reconcile': {
      const { reconcileBench } = await import('./reconcile-bench');
      await reconcileBench(args);
      process.exit(0);
      return;
    }
    case 'profile': {
      const { summariseProfile } = await import('./lib/profile');
      const { printProfile } = await import('./lib/report');
      for (const file of args) printProfile(summariseProfile(file));
      return;
    }
    default:
      process.stderr.write(`unknown role ${role}\n`);
      process.exitCode = 64;
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
