// A report in the format -o asks for: json (--json too), yaml (the same object, through the yaml package,
// loaded only for it), or text (wide or not) from the command's renderer.
export async function writeReport(report: object, format: 'json' | 'yaml' | 'wide' | 'text', text: (wide: boolean) => string): Promise<void> {
  if (format === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else if (format === 'yaml') {
    const { stringify } = await import('yaml');
    process.stdout.write(stringify(report));
  } else process.stdout.write(text(format === 'wide'));
}
