import { AspectRatio, Avatar, Box, Card, Group, Image, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { platformName, rulesFor, type TMedia } from '@siar/shared';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { VideoIcon } from '../../../components/ui/icons';

export interface TPreviewAccount {
  id: string;
  platform: string;
  handle: string;
  displayName: string;
}

interface TPostPreviewProps {
  accounts: TPreviewAccount[];
  /** The text each account will get: its variant or the main text. */
  textOf: (accountId: string) => string;
  hasVariant: (accountId: string) => boolean;
  media: TMedia[];
  /** A thread's further parts, shown as replies under the first. */
  threadParts: string[];
  /** When it will appear, as the user reads it ("Sen, 2 Des 08.00 WIB"), or null for "now". */
  whenLabel: string | null;
}

const ENTITY = /(https?:\/\/\S+|[#@][\p{L}\p{N}_]+)/gu;

/** Links, hashtags and mentions in the platform's link colour, as the platform shows them. */
function highlighted(text: string, color: string): ReactNode[] {
  return text.split(ENTITY).map((part, index) =>
    index % 2 === 1 ? (
      <Text key={index} span c={color} inherit>
        {part}
      </Text>
    ) : (
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? '')
    .join('');
}

function MediaGrid({ media }: { media: TMedia[] }) {
  const { t } = useTranslation();
  if (media.length === 0) return null;
  return (
    <SimpleGrid cols={media.length === 1 ? 1 : 2} spacing={2} style={{ borderRadius: 16, overflow: 'hidden' }}>
      {media.map((item, index) =>
        item.kind === 'image' && item.thumbnailUrl ? (
          <Image
            key={item.id}
            src={item.thumbnailUrl}
            alt={item.altText ?? t('preview.mediaAlt', { index: index + 1 })}
            h={media.length === 1 ? 200 : 110}
            fit="cover"
          />
        ) : (
          <Group key={item.id} h={110} justify="center" bg="dark.6" c="white">
            <VideoIcon width={32} height={32} />
          </Group>
        ),
      )}
    </SimpleGrid>
  );
}

interface TPreviewProps {
  account: TPreviewAccount;
  text: string;
  media: TMedia[];
  whenLabel: string;
  threadParts: string[];
}

/** How a post looks on X: name, handle, time, text with blue entities, up to four pictures; a thread's parts below. */
function XPreview({ account, text, media, whenLabel, threadParts }: TPreviewProps) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={`preview-${account.platform}`} data-account-id={account.id}>
      <Stack gap="md">
        {[text, ...threadParts].map((part, index) => (
          <XPart key={index} account={account} text={part} media={index === 0 ? media : []} whenLabel={whenLabel} />
        ))}
      </Stack>
    </Card>
  );
}

function XPart({ account, text, media, whenLabel }: Omit<TPreviewProps, 'threadParts'>) {
  return (
    <Group align="flex-start" wrap="nowrap" gap="sm">
      <Avatar radius="xl" color="dark" aria-hidden>
        {initials(account.displayName)}
      </Avatar>
      <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={700} size="sm" truncate>
            {account.displayName}
          </Text>
          <Text c="dimmed" size="sm" truncate>
            @{account.handle} · {whenLabel}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
          {highlighted(text, 'blue.6')}
        </Text>
        <MediaGrid media={media} />
      </Stack>
    </Group>
  );
}

/** A plain card for platforms without their own look yet. */
function GenericPreview({ account, text, media, whenLabel }: TPreviewProps) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={`preview-${account.platform}`} data-account-id={account.id}>
      <Stack gap={6}>
        <Text fw={700} size="sm">
          {account.displayName}{' '}
          <Text span c="dimmed" size="sm">
            · {whenLabel}
          </Text>
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
          {highlighted(text, 'blue.6')}
        </Text>
        <MediaGrid media={media} />
      </Stack>
    </Card>
  );
}

/** A Page post: the Page's name, when and "Public", the text, then the photos (the first large) or the video. */
function FacebookPreview({ account, text, media, whenLabel }: TPreviewProps) {
  const { t } = useTranslation();
  const [first, ...rest] = media;
  return (
    <Card withBorder radius="md" padding="sm" data-testid={`preview-${account.platform}`} data-account-id={account.id}>
      <Stack gap="xs">
        <Group gap="sm" wrap="nowrap">
          <Avatar radius="xl" color="blue" aria-hidden>
            {initials(account.displayName)}
          </Avatar>
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={700} size="sm" truncate data-testid="preview-page-name">
              {account.displayName}
            </Text>
            <Text c="dimmed" size="xs">
              {whenLabel} · {t('preview.fbPublic')}
            </Text>
          </Stack>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
          {highlighted(text, 'blue.7')}
        </Text>
        {first && (
          <Stack gap={2} data-testid="preview-fb-photos" data-count={media.length}>
            <MediaGrid media={[first]} />
            {rest.length > 0 && <MediaGrid media={rest.slice(0, 4)} />}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

/** The picture square, with the carousel's dots, the Reel mark, or what is missing. */
function InstagramMedia({ media }: { media: TMedia[] }) {
  const { t } = useTranslation();
  const first = media[0];
  if (!first) {
    return (
      <AspectRatio ratio={1}>
        <Group justify="center" bg="gray.1" c="red.9" p="md" data-testid="preview-ig-no-media">
          <Text size="sm" ta="center">
            {t('preview.igNoMedia')}
          </Text>
        </Group>
      </AspectRatio>
    );
  }
  return (
    <Stack gap={6}>
      <AspectRatio ratio={1}>
        {first.kind === 'image' && first.thumbnailUrl ? (
          <Image src={first.thumbnailUrl} alt={first.altText ?? t('preview.mediaAlt', { index: 1 })} fit="cover" />
        ) : (
          <Group justify="center" bg="dark.6" c="white" gap="xs">
            <VideoIcon width={32} height={32} />
            <Text size="sm">{t('preview.igReel')}</Text>
          </Group>
        )}
      </AspectRatio>
      {media.length > 1 && (
        <Group gap={4} justify="center" role="img" aria-label={t('preview.igCarousel', { index: 1, count: media.length })} data-testid="preview-ig-dots" data-count={media.length}>
          {media.map((item, index) => (
            <Box key={item.id} w={6} h={6} bg={index === 0 ? 'blue.6' : 'gray.4'} style={{ borderRadius: '50%' }} />
          ))}
        </Group>
      )}
    </Stack>
  );
}

/** An Instagram post: the account, the square picture (or the carousel, or the Reel), then the caption under it. */
function InstagramPreview({ account, text, media, whenLabel }: TPreviewProps) {
  return (
    <Card withBorder radius="md" padding={0} data-testid={`preview-${account.platform}`} data-account-id={account.id}>
      <Group gap="xs" p="xs" wrap="nowrap">
        <Avatar radius="xl" size="sm" color="grape" aria-hidden>
          {initials(account.displayName)}
        </Avatar>
        <Text fw={700} size="sm" truncate>
          {account.handle}
        </Text>
      </Group>
      <InstagramMedia media={media} />
      <Stack gap={4} p="xs">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="preview-text">
          <Text span fw={700} inherit>
            {account.handle}
          </Text>{' '}
          {highlighted(text, 'indigo.8')}
        </Text>
        <Text c="dimmed" size="xs">
          {whenLabel}
        </Text>
      </Stack>
    </Card>
  );
}

/** One look per platform id: a platform adds an entry here, never a branch elsewhere. */
const PREVIEWS: Record<string, typeof XPreview> = { x: XPreview, facebook: FacebookPreview, instagram: InstagramPreview };

/** Per chosen account, the post as its platform will show it (with the account's variant, if any). */
export function PostPreview({ accounts, textOf, hasVariant, media, threadParts, whenLabel }: TPostPreviewProps) {
  const { t } = useTranslation();
  const first = accounts[0];
  if (!first) {
    return (
      <Text size="sm" c="dimmed">
        {t('preview.empty')}
      </Text>
    );
  }
  const when = whenLabel ?? t('preview.now');
  return (
    <Tabs defaultValue={first.id} keepMounted={false}>
      <Tabs.List>
        {accounts.map((account) => (
          <Tabs.Tab key={account.id} value={account.id} data-testid={`preview-tab-${account.handle}`}>
            {`${platformName(account.platform)} · @${account.handle}`}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {accounts.map((account) => {
        const Preview = PREVIEWS[account.platform] ?? GenericPreview;
        const text = textOf(account.id);
        const rules = rulesFor(account.platform);
        const over = rules ? rules.checkText(text).length > rules.checkText(text).max : false;
        return (
          <Tabs.Panel key={account.id} value={account.id} pt="xs">
            <Stack gap={4}>
              {hasVariant(account.id) && (
                <Text size="xs" c="dimmed">
                  {t('preview.variant')}
                </Text>
              )}
              <Box maw={520}>
                <Preview account={account} text={text} media={media} whenLabel={when} threadParts={threadParts} />
              </Box>
              {over && rules && (
                <Text size="xs" c="red">
                  {t('preview.overLimit', { platform: rules.name })}
                </Text>
              )}
            </Stack>
          </Tabs.Panel>
        );
      })}
    </Tabs>
  );
}
