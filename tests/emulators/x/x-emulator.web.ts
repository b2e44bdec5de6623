import type { TEmuApp, TEmuTweet, TEmuUser } from './x-emulator.state';

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

const PAGE_STYLE = `body{font-family:system-ui,sans-serif;max-width:600px;margin:40px auto;padding:0 16px;color:#0f1419}
.card{border:1px solid #cfd9de;border-radius:16px;padding:16px}h1{font-size:1.3rem}li{margin:4px 0}select,button{font:inherit;padding:6px 12px;margin:8px 8px 0 0}
.approve{background:#0f1419;color:#fff;border:0;border-radius:9999px}.deny{background:#fff;border:1px solid #cfd9de;border-radius:9999px}.note{color:#536471;font-size:.85rem;margin-top:16px}`;

/** The consent screen of GET /i/oauth2/authorize: both buttons post the original parameters back. */
export function renderConsentPage(app: TEmuApp, scopes: string[], users: TEmuUser[], params: Record<string, string>): string {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n');
  const options = users.map((u) => `<option value="${escape(u.id)}">@${escape(u.username)} (${escape(u.name)})</option>`).join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Authorize ${escape(app.name ?? app.clientId)} — X (emulator)</title>
<style>${PAGE_STYLE}</style></head>
<body><div class="card"><h1 data-testid="x-authorize-app">${escape(app.name ?? app.clientId)} wants to access your X account.</h1>
<p>It will be able to:</p><ul data-testid="x-authorize-scopes">${scopes.map((s) => `<li>${escape(s)}</li>`).join('')}</ul>
<form method="post" action="/i/oauth2/authorize">
${hidden}
<label>Account <select name="user_id" data-testid="x-authorize-user">${options}</select></label><br>
<button type="submit" name="decision" value="approve" class="approve" data-testid="x-authorize-approve">Authorize app</button>
<button type="submit" name="decision" value="deny" class="deny" data-testid="x-authorize-deny">Cancel</button>
</form></div><p class="note">Siar demo: X emulator</p></body></html>`;
}

/** What X shows when the authorize request itself is wrong: no redirect to an unverified address. */
export function renderAuthorizeError(detail: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Something went wrong — X (emulator)</title>
<style>${PAGE_STYLE}</style></head>
<body><div class="card"><h1>Something went wrong</h1><p>You weren't able to give access to the App. Go back and try logging in again.</p>
<p data-testid="x-authorize-error">${escape(detail)}</p></div><p class="note">Siar demo: X emulator</p></body></html>`;
}
