import http from 'node:http';
import type { Registry } from 'prom-client';

/** A bare /metrics endpoint for Prometheus; the worker has no other HTTP surface. */
export function startMetricsServer(registry: Registry, port: number): http.Server {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body))
      .catch(() => res.writeHead(500).end());
  });
  server.listen(port, '0.0.0.0');
  return server;
}
