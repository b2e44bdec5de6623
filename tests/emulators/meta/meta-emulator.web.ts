import type { TIgMedia, TMetaApp, TMetaPage, TMetaPost, TMetaUser } from './meta-emulator.state';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;max-width:600px;margin:40px auto;padding:0 16px;color:#1c1e21}
.card{border:1px solid #dadde1;border-radius:8px;padding:16px;background:#fff}h1{font-size:1.25rem}li{margin:4px 0}
select,button{font:inherit;padding:6px 12px;margin:8px 8px 0 0}.approve{background:#1877f2;color:#fff;border:0;border-radius:6px}
.deny{background:#e4e6eb;border:0;border-radius:6px}.note{color:#65676b;font-size:.85rem;margin-top:16px}
.name{font-weight:700}.time{color:#65676b;font-size:.85rem}.text{white-space:pre-wrap;margin:12px 0}img{max-width:100%;display:block;margin:4px 0}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head><body>${body}<p class="note">Siar demo: Meta emulator</p></body></html>`;
}

/** Facebook Login's dialog: who logs in, what the app asks, which Pages it will reach; Continue or Cancel post back. */
export function renderConsentPage(app: TMetaApp, scopes: string[], users: TMetaUser[], pages: TMetaPage[], params: Record<string, string>, action: string): string {
  const hidden = Object.entries(params)
    .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
    .join('\n');
  const options = users.map((u) => `<option value="${escape(u.id)}">${escape(u.name)}</option>`).join('');
  const reach = users.map((u) => `<li data-user="${escape(u.id)}">${escape(u.name)}: ${pages.filter((p) => p.userIds.includes(u.id)).map((p) => escape(p.name) + (p.instagram ? ` (+ Instagram @${escape(p.instagram.username)})` : '')).join(', ') || '—'}</li>`).join('');
  return page(
    `Log in with Facebook — ${app.name ?? app.appId}`,
    `<div class="card"><h1 data-testid="meta-authorize-app">${escape(app.name ?? app.appId)} is requesting access to your Pages and Instagram accounts.</h1>
<p>Permissions:</p><ul data-testid="meta-authorize-scopes">${scopes.map((s) => `<li>${escape(s)}</li>`).join('')}</ul>
<p>Pages it will reach:</p><ul>${reach}</ul>
<form method="post" action="${escape(action)}">
${hidden}
<label>Continue as <select name="user_id" data-testid="meta-authorize-user">${options}</select></label><br>
<button type="submit" name="decision" value="approve" class="approve" data-testid="meta-authorize-approve">Continue</button>
<button type="submit" name="decision" value="deny" class="deny" data-testid="meta-authorize-deny">Cancel</button>
</form></div>`,
  );
}

export function renderDialogError(detail: string): string {
  return page('Error — Facebook (emulator)', `<div class="card"><h1>Sorry, something went wrong.</h1><p data-testid="meta-authorize-error">${escape(detail)}</p></div>`);
}

/** A Page post as a reader sees it in demo mode. */
export function renderPostPage(pageRow: TMetaPage, post: TMetaPost, images: string[]): string {
  return page(
    `${pageRow.name} — Facebook (emulator)`,
    `<div class="card"><div class="name">${escape(pageRow.name)}</div><div class="time">${escape(post.createdAt)}</div>
<div class="text">${escape(post.message)}</div>${post.link ? `<p><a href="${escape(post.link)}">${escape(post.link)}</a></p>` : ''}${images.map((src) => `<img src="${escape(src)}" alt="">`).join('')}${post.videoId ? '<p>[video]</p>' : ''}</div>`,
  );
}

/** An Instagram post: the media, then the caption under it, as Instagram shows it. */
export function renderInstagramPage(account: { username: string }, media: TIgMedia, images: string[]): string {
  return page(
    `@${account.username} — Instagram (emulator)`,
    `<div class="card"><div class="name">@${escape(account.username)}</div>${images.map((src) => `<img src="${escape(src)}" alt="">`).join('')}${media.mediaType === 'VIDEO' ? '<p>[Reel]</p>' : ''}
<div class="text"><b>${escape(account.username)}</b> ${escape(media.caption)}</div><div class="time">${escape(media.timestamp)}</div></div>`,
  );
}
