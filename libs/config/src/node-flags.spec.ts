import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NODE_FLAGS } from './node-flags';

describe('APP_NODE_FLAGS', () => {
  it('are the NODE_OPTIONS of the production image, so the compose topology runs the apps as npm start does', () => {
    const dockerfile = readFileSync(join(__dirname, '..', '..', '..', 'Dockerfile'), 'utf8');
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    const set = /^ENV NODE_OPTIONS=(.+)$/m.exec(runtimeStage)?.[1];
    expect(set?.split(' ')).toEqual([...APP_NODE_FLAGS]);
  });

  it('are flags V8 accepts in NODE_OPTIONS', () => {
    for (const flag of APP_NODE_FLAGS) expect(process.allowedNodeEnvironmentFlags.has(flag.split('=')[0])).toBe(true);
  });
});
