import type { TEmuTweet, TEmuUser } from './x-emulator.state';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The page a published link opens in demo mode: the post as a reader would see it. */
export function renderTweetPage(user: TEmuUser, tweet: TEmuTweet): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>@${escape(user.username)} — X (emulator)</title>
<style>body{font-family:system-ui,sans-serif;max-width:600px;margin:40px auto;padding:0 16px;color:#0f1419}
.card{border:1px solid #cfd9de;border-radius:16px;padding:16px}.name{font-weight:700}.handle,.time{color:#536471}
.text{white-space:pre-wrap;font-size:1.2rem;margin:12px 0}.note{color:#536471;font-size:.85rem;margin-top:16px}</style></head>
<body><div class="card"><div class="name">${escape(user.name)}</div><div class="handle">@${escape(user.username)}</div>
<div class="text">${escape(tweet.text)}</div><div class="time">${escape(tweet.createdAt)}</div></div>
<p class="note">Siar demo: X emulator</p></body></html>`;
}
