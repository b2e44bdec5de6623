import type { TPlatformRules } from './rules';
import { facebookRules } from './facebook';
import { instagramRules } from './instagram';
import { xRules } from './x';

/** Every platform Siar speaks, by id. Adding a platform is one file and one line here. */
export const platformRules: Readonly<Record<string, TPlatformRules>> = {
  [xRules.id]: xRules,
  [facebookRules.id]: facebookRules,
  [instagramRules.id]: instagramRules,
};

export function rulesFor(platform: string): TPlatformRules | undefined {
  return platformRules[platform];
}

/** How people name a platform ("X", "Instagram"); its id when Siar has no rules for it. */
export function platformName(platform: string): string {
  return rulesFor(platform)?.name ?? platform;
}
