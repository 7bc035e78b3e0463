/** Six-field NCRONTAB (second minute hour day month weekday), the subset Azure timer schedules use. */
export function compileSchedule(expression: string): (at: Date) => boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 6) throw new Error(`Horario NCRONTAB inválido (se esperan 6 campos): ${expression}`);
  const ranges: [number, number][] = [
    [0, 59],
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 6],
  ];
  const matchers = fields.map((field, index) => compileField(field, ...ranges[index]!));
  return (at) =>
    [at.getSeconds(), at.getMinutes(), at.getHours(), at.getDate(), at.getMonth() + 1, at.getDay()].every((value, index) =>
      matchers[index]!(value),
    );
}

function compileField(field: string, min: number, max: number): (value: number) => boolean {
  const allowed = new Set<number>();
  for (const item of field.split(',')) {
    const [range = '*', stepText] = item.split('/');
    const step = stepText ? Number(stepText) : 1;
    const [from, to] =
      range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(Number) : [Number(range), stepText ? max : Number(range)];
    if (![from, to, step].every(Number.isInteger) || step < 1) throw new Error(`Campo NCRONTAB inválido: ${field}`);
    for (let value = from!; value <= to!; value += step) allowed.add(value);
  }
  return (value) => allowed.has(value);
}
