"""/feed: calendar feed links (public, filtered, private) and /feed reset (stop the private link)."""

from __future__ import annotations

from bot.commands.base import Context, Field, Option, Reply
from bot.commands.registry import REGISTRY
from bot.services.events import KINDS
from bot.services.feeds import FeedLinks

REGISTRY.group("feed", "Calendar feeds")

PRIVATE_NOTE = (
    "Keep this link to yourself: anyone who has it sees the events you follow. It is shown only "
    "this once (we keep only a fingerprint of it); /feed reset stops it."
)


def links_text(links: FeedLinks) -> str:
    return f"Subscribe: {links.webcal}\nFeed link (.ics): {links.https}\nGoogle Calendar: {links.google}"


@REGISTRY.command(
    "feed",
    "Links to subscribe to the events calendar: all events, a filtered feed and your private feed",
    Option("kind", str, "A feed of this kind of event only", choices=KINDS),
    Option("country", str, "A feed of the events with this state or partner", autocomplete="country"),
    Option("cbm", int, "A feed of the events serving this CBM", min_value=1, max_value=99),
    ephemeral=True,
    names={"discord": "feed links"},  # Discord cannot run a name that has subcommands (/feed reset)
)
async def feed(
    ctx: Context, kind: str | None = None, country: str | None = None, cbm: int | None = None
) -> Reply:
    feeds = ctx.app.feeds
    fields = [Field("All events", links_text(feeds.links("/feeds/events.ics")))]
    if kind or country or cbm is not None:
        scope = await feeds.scope(kind=kind, country=country, cbm=cbm)
        fields.append(Field(scope.name.split(": ", 1)[-1].capitalize(), links_text(feeds.links(scope.path))))
    token = await feeds.issue_token(ctx.principal, ctx.now)
    if token is not None:
        private = links_text(feeds.links(f"/feeds/private/{token}.ics")) + "\n" + PRIVATE_NOTE
    else:
        active = await feeds.private_status(ctx.principal)
        made = f" (made {active.created_at:%Y-%m-%d})" if active is not None else ""
        private = (
            f"You already have a private link{made}. We keep only a fingerprint of it, so it cannot be "
            "shown again: /feed reset stops it, then /feed gives you a new one."
        )
    fields.append(Field("Your private feed: the events you follow", private))
    return Reply(
        title="Calendar feeds",
        text=(
            "Add a feed to Google Calendar, Outlook, Apple Calendar or Thunderbird; it updates by itself "
            f"(hourly in most apps). All feeds and upcoming events: {feeds.page_url()}"
        ),
        fields=fields,
    )


@REGISTRY.command("feed reset", "Stop your private feed link (then /feed gives a new one)", ephemeral=True)
async def reset(ctx: Context) -> Reply:
    revoked = await ctx.app.feeds.revoke_tokens(ctx.principal, ctx.now)
    if not revoked:
        return Reply(title="Private feed", text="You have no private feed link to stop; /feed makes one.")
    return Reply(
        title="Private feed stopped",
        text=(
            "Your private feed link no longer works: calendars subscribed to it stop updating. "
            "/feed gives you a new link."
        ),
    )
