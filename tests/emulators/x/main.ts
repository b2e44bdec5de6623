import { startXEmulator } from './x-emulator';

// Standalone X emulator for demo mode: `tsx tests/emulators/x/main.ts`.
const emulator = await startXEmulator({
  port: Number(process.env.X_EMULATOR_PORT ?? 0),
  host: process.env.X_EMULATOR_HOST ?? '127.0.0.1',
  latencyMs: Number(process.env.X_EMULATOR_LATENCY_MS ?? 0),
  ...(process.env.X_EMULATOR_STATE_FILE ? { stateFile: process.env.X_EMULATOR_STATE_FILE } : {}),
});
console.log(JSON.stringify({ event: 'listening', service: 'x-emulator', port: emulator.port, url: emulator.url }));
const stop = () => void emulator.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
