/**
 * One tree per installation. On a fresh database the admin needs a unit before any tree exists, so
 * start-up creates a placeholder root; the first top unit created or imported takes the
 * placeholder's row over (same id, so the admin's unit stays valid) while the placeholder is still
 * untouched: its code and name as created and no unit below it.
 */
export const PLACEHOLDER_ROOT = { code: 'ROOT', name: '本级', level: 'city' } as const;

export function isUntouchedPlaceholder(root: { code: string; name: string; hasChildren: boolean }): boolean {
  return root.code === PLACEHOLDER_ROOT.code && root.name === PLACEHOLDER_ROOT.name && !root.hasChildren;
}

/** The 409 message for a second top unit, naming the one there is. */
export function secondRootMessage(root: { code: string; name: string }): string {
  return `本系统已有顶级单位“${root.name}”（编码 ${root.code}），一个系统只能有一棵组织树：请填写上级单位（parent）把新单位建在树内 (one tree per installation: a second top unit is refused)`;
}
