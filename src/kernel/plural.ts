/**
 * A count with its noun in Spanish: «1 fila», «3 filas», «0 filas». `many` defaults to `one` + «s»
 * (give it for «línea»/«líneas» only when the plural is not that).
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('es-CO')} ${count === 1 ? one : many}`;
}
