export async function runSchedule(): Promise<number> { return 2; }
