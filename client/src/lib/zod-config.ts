import { config } from 'zod/v4/core';

// Zod probes `new Function` to speed up parsing; under the server's strict CSP that probe is
// reported as a violation on every page. The speed-up is irrelevant for form-sized input.
config({ jitless: true });
