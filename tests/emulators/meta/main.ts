import { startMetaEmulator } from './meta-emulator';

// Standalone Meta Graph emulator for demo mode: `tsx tests/emulators/meta/main.ts`.
const emulator = await startMetaEmulator({
  port: Number(process.env.META_EMULATOR_PORT ?? 0),
  host: process.env.META_EMULATOR_HOST ?? '127.0.0.1',
  latencyMs: Number(process.env.META_EMULATOR_LATENCY_MS ?? 0),
  ...(process.env.META_EMULATOR_STATE_FILE ? { stateFile: process.env.META_EMULATOR_STATE_FILE } : {}),
});
console.log(JSON.stringify({ event: 'listening', service: 'meta-emulator', port: emulator.port, url: emulator.url }));
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
