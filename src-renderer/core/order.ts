/** Plain code-unit order for ids: the stable last tie-break wherever results must not depend on input order. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
