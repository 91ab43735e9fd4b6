/** A unit as offered in the forms' unit picker, in dashboard order. */
export type UnitOption = {
  id: number;
  name: string;
  code: string;
  depth: number;
};

/** Indents an option's text, since <option> cannot be styled per depth. */
export function unitOptionLabel(option: UnitOption): string {
  return `${'\u00A0\u00A0\u00A0'.repeat(option.depth)}${option.name} (${option.code})`;
}

type UnitLike = { id: number; code: string; name: string; parentId: number | null };

/**
 * The units as the summary lists them (depth-first from the root, children by
 * code), for when there is no summary yet to take the order from.
 */
export function unitOptionsFromUnits(units: readonly UnitLike[]): UnitOption[] {
  const byParent = new Map<number | null, UnitLike[]>();
  for (const unit of units) {
    const siblings = byParent.get(unit.parentId) ?? [];
    siblings.push(unit);
    byParent.set(unit.parentId, siblings);
  }
  const ids = new Set(units.map((unit) => unit.id));
  const roots = units.filter((unit) => unit.parentId === null || !ids.has(unit.parentId));
  const options: UnitOption[] = [];
  const visit = (unit: UnitLike, depth: number) => {
    options.push({ id: unit.id, code: unit.code, name: unit.name, depth });
    const children = [...(byParent.get(unit.id) ?? [])].sort((a, b) =>
      a.code.localeCompare(b.code),
    );
    for (const child of children) visit(child, depth + 1);
  };
  for (const root of [...roots].sort((a, b) => a.code.localeCompare(b.code))) visit(root, 0);
  return options;
}
