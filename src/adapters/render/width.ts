/**
 * The width text is fitted to: `COLUMNS` when set (at least 40), else the terminal's width (80
 * when a terminal does not say); piped output (no terminal) is not wrapped.
 */
export function fitWidth(
  columnsSetting: string | undefined,
  terminalColumns: number | undefined,
): number | undefined {
  const columns = Number(columnsSetting);
  if (Number.isInteger(columns) && columns > 0) return Math.max(columns, 40);
  return terminalColumns;
}
