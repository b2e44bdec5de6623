import { Text } from '@mantine/core';
import { platformName, type TCostEstimate } from '@siar/shared';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../../lib/format-money';

/** "Perkiraan biaya X: US$0,03": what the platforms that bill per post would charge for it. */
export function PostCost({ cost }: { cost: TCostEstimate }) {
  const { t, i18n } = useTranslation();
  const lines = Object.entries(cost.byPlatform).map(([platform, amount]) =>
    t('composer.cost', { platform: platformName(platform), amount: formatMoney(amount, cost.currency, i18n.language) }),
  );
  if (lines.length === 0) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="post-cost" data-amount={cost.amount} data-currency={cost.currency}>
      {lines.join(' · ')}
    </Text>
  );
}
