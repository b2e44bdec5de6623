export async function apiBench() { return {}; }
