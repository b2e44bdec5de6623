import type { TPlatformRules } from './rules';
import { xRules } from './x';

/** Every platform Siar speaks, by id. Adding a platform is one file and one line here. */
export const platformRules: Readonly<Record<string, TPlatformRules>> = {
  [xRules.id]: xRules,
};

export function rulesFor(platform: string): TPlatformRules | undefined {
  return platformRules[platform];
}
