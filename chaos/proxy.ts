import { createServer, Server, Socket, connect } from 'node:net';

/**
 * A layer-4 round-robin balancer in front of an app's replicas, as a load balancer or a Kubernetes
 * Service would put them behind one URL. A connection to a replica that refuses is tried on the next
 * one; when none answers the client's connection is closed (what a caller sees when every replica is down).
 */
export class RoundRobin {
  private next = 0;
  private server?: Server;
  private readonly open = new Set<Socket>();

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly backends: () => number[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): Promise<void> {
    this.server = createServer((client) => this.route(client));
    return new Promise((done, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(this.port, '127.0.0.1', () => done());
    });
  }

  private route(client: Socket): void {
    client.pause();
    this.open.add(client);
    client.once('close', () => this.open.delete(client));
    client.on('error', () => client.destroy());
    const ports = this.backends();
    const tryFrom = (attempt: number): void => {
      if (client.destroyed) return;
      if (attempt >= ports.length) {
        client.destroy();
        return;
      }
      const port = ports[(this.next + attempt) % ports.length];
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.on('error', () => {
        upstream.destroy();
        if (!connected) tryFrom(attempt + 1);
        else client.destroy();
      });
      upstream.once('connect', () => {
        connected = true;
        this.next = (this.next + attempt + 1) % Math.max(1, ports.length);
        this.open.add(upstream);
        upstream.once('close', () => {
          this.open.delete(upstream);
          client.destroy();
        });
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    tryFrom(0);
  }

  async stop(): Promise<void> {
    for (const s of this.open) s.destroy();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
  }
}
