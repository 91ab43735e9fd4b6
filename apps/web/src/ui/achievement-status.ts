export type AchievementStatus = 'met' | 'notMet';

/**
 * Whether a quarter's target was reached, so the table can say so in words
 * and not by colour alone. Presentation only: the ratio itself comes from the
 * API. `null` (no target or no actual) has no status.
 */
export function achievementStatus(achieved: number | null): AchievementStatus | null {
  if (achieved === null) return null;
  return achieved >= 1 ? 'met' : 'notMet';
}
