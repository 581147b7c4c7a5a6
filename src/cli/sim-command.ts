// `sunbeam-console sim`: placeholder replaced by the simulator issue's implementation.
export async function run(_args: string[]): Promise<number> {
  process.stderr.write('sunbeam-console sim: the simulator is being built.\n');
  return 2;
}
