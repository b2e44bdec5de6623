import '@mantine/dropzone/styles.css';
import { ActionIcon, Alert, Box, Button, Group, Image, Progress, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { checkMediaForPlatform, MEDIA_IMAGE_MIMES, MEDIA_UPLOAD_MAX_BYTES, MEDIA_VIDEO_MIMES } from '@siar/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon, UploadIcon, VideoIcon } from '../../../components/ui/icons';
import { problemMessage } from '../../../lib/problem-message';
import type { TPostMedia, TPostMediaItem } from '../hooks/use-post-media';

const ACCEPTED = [...MEDIA_IMAGE_MIMES, ...MEDIA_VIDEO_MIMES];

interface TPostMediaFieldProps {
  media: TPostMedia;
  /** Where uploads are kept: the OPD of the chosen accounts; null until one is chosen. */
  opdId: string | null;
  /** Platforms of the chosen accounts, to check the attachments against each one's limits. */
  platforms: string[];
  disabled: boolean;
}

function MediaTile({ item, media, disabled }: { item: TPostMediaItem; media: TPostMedia; disabled: boolean }) {
  const { t } = useTranslation();
  const picture = item.media?.thumbnailUrl ?? item.localUrl;
  const percent = Math.round(item.progress * 100);
  const isVideo = item.media?.kind === 'video' || (!item.localUrl && !item.media);
  return (
    <Stack gap={4} data-testid="media-item" data-state={item.state} data-media-id={item.media?.id}>
      <Box pos="relative">
        {picture ? (
          <Image src={picture} alt={item.altText || t('preview.mediaAlt', { index: 1 })} h={96} radius="sm" fit="cover" />
        ) : (
          <Group h={96} justify="center" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 'var(--mantine-radius-sm)' }}>
            <VideoIcon width={28} height={28} />
            <Text size="xs">{isVideo ? t('media.video') : item.name}</Text>
          </Group>
        )}
        <ActionIcon
          pos="absolute"
          top={4}
          right={4}
          size="sm"
          variant="filled"
          color="dark"
          onClick={() => media.remove(item.key)}
          aria-label={t('media.remove', { name: item.name })}
          data-testid="media-remove"
        >
          <CloseIcon width={14} height={14} />
        </ActionIcon>
      </Box>
      {item.state === 'uploading' && (
        <Progress value={percent} size="sm" aria-label={t('media.uploading', { name: item.name, percent })} data-testid="media-progress" />
      )}
      {item.state === 'failed' && (
        <Stack gap={2}>
          <Text size="xs" c="red" role="alert">
            {t('media.uploadFailed', { name: item.name, reason: problemMessage(item.error, t) })}
          </Text>
          {item.file && (
            <Button size="compact-xs" variant="light" onClick={() => media.retry(item.key)}>
              {t('media.retry')}
            </Button>
          )}
        </Stack>
      )}
      {item.state === 'done' && item.media?.kind === 'image' && (
        <TextInput
          size="xs"
          label={t('media.altText')}
          placeholder={t('media.altTextPlaceholder')}
          value={item.altText}
          maxLength={1000}
          disabled={disabled}
          onChange={(event) => media.setAltText(item.key, event.currentTarget.value)}
          onBlur={() => media.saveAltText(item.key)}
          description={item.altState === 'saved' ? t('media.altSaved') : undefined}
          error={item.altState === 'failed' ? problemMessage(item.error, t) : undefined}
          data-testid="media-alt"
        />
      )}
    </Stack>
  );
}

/** Drop or pick files; each uploads at once with a progress bar and is checked against every chosen platform. */
export function PostMediaField({ media, opdId, platforms, disabled }: TPostMediaFieldProps) {
  const { t } = useTranslation();
  const [rejected, setRejected] = useState<string[]>([]);
  const problems = [...new Set(platforms)].flatMap((platform) => checkMediaForPlatform(platform, media.uploaded));

  return (
    <Stack gap="xs">
      <Text fw={500} size="sm" component="label" htmlFor="post-media-input">
        {t('media.label')}
      </Text>
      <Dropzone
        onDrop={(files) => {
          setRejected([]);
          if (opdId) media.add(files, opdId);
        }}
        onReject={(rejections) => setRejected(rejections.map((rejection) => rejection.file.name))}
        accept={ACCEPTED}
        maxSize={MEDIA_UPLOAD_MAX_BYTES.video}
        disabled={disabled || !opdId}
        multiple
        inputProps={{ id: 'post-media-input', 'aria-describedby': 'post-media-hint' }}
        data-testid="media-dropzone"
        p="sm"
      >
        <Group justify="center" gap="sm" mih={56} style={{ pointerEvents: 'none' }}>
          <UploadIcon width={24} height={24} />
          <Stack gap={0}>
            <Text size="sm">{opdId ? t('media.drop') : t('media.chooseAccountFirst')}</Text>
            <Text size="xs" c="dimmed" id="post-media-hint">
              {t('media.hint')}
            </Text>
          </Stack>
        </Group>
      </Dropzone>
      {rejected.map((name) => (
        <Text key={name} size="xs" c="red" role="alert">
          {t('media.rejected', { name })}
        </Text>
      ))}
      {media.items.length > 0 && (
        <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs">
          {media.items.map((item) => (
            <MediaTile key={item.key} item={item} media={media} disabled={disabled} />
          ))}
        </SimpleGrid>
      )}
      {problems.length > 0 && (
        <Alert color="red" variant="light" p="xs" data-testid="media-problems">
          <Stack gap={2}>
            {problems.map((problem) => (
              <Text key={`${problem.key}-${problem.index ?? ''}-${String(problem.params.platform)}`} size="sm">
                {t(`validation.${problem.key}` as 'validation.media_too_large', problem.params)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
