"""/feed: calendar feed links (public, filtered, private) and /feed reset (stop the private link)."""

from __future__ import annotations

from bot.commands.base import Context, Field, Option, Reply
from bot.commands.events import kind_label
from bot.commands.locales import named
from bot.commands.registry import REGISTRY
from bot.services import answer_text as T
from bot.services.events import KINDS
from bot.services.feeds import FeedLinks
from storage.reference import supported_language

REGISTRY.group("feed", "Calendar feeds")


def links_text(links: FeedLinks, lang: str = "en") -> str:
    return (
        f"{T.message('feed_subscribe', lang)}: {links.webcal}\n{T.message('feed_ics', lang)}: {links.https}\n"
        f"{T.message('feed_google', lang)}: {links.google}"
    )


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
    lang = supported_language(ctx.locale)
    fields = [Field(T.message("feed_all", lang), links_text(feeds.links("/feeds/events.ics"), lang))]
    if kind or country or cbm is not None:
        scope = await feeds.scope(kind=kind, country=country, cbm=cbm)
        title = scope.name.split(": ", 1)[-1].capitalize()
        if lang != "en":  # the scope's name is the feed's own (English) calendar name
            flt, what = scope.flt, []
            if flt.kind:
                what.append(kind_label(flt.kind, lang))
            if flt.country_id is not None:
                what.extend(await ctx.app.answers.country_names_by_id([flt.country_id], lang))
            if flt.cbm is not None:
                what.append(T.cbm_name(flt.cbm, lang))
            title = T.message("feed_only", lang, what=" · ".join(what))
        fields.append(Field(title, links_text(feeds.links(scope.path), lang)))
    token = await feeds.issue_token(ctx.principal, ctx.now)
    reset, again = named(ctx, "feed reset", lang), named(ctx, "feed", lang)
    if token is not None:
        private = links_text(feeds.links(f"/feeds/private/{token}.ics"), lang)
        private += "\n" + T.message("feed_private_note", lang, reset=reset)
    else:
        active = await feeds.private_status(ctx.principal)
        made = (
            T.message("feed_made", lang, date=f"{active.created_at:%Y-%m-%d}") if active is not None else ""
        )
        private = T.message("feed_already", lang, made=made, reset=reset, feed=again)
    fields.append(Field(T.message("feed_private", lang), private))
    return Reply(
        title=T.message("feed_title", lang),
        text=T.message("feed_intro", lang, url=feeds.page_url()),
        fields=fields,
    )


@REGISTRY.command("feed reset", "Stop your private feed link (then /feed gives a new one)", ephemeral=True)
async def reset(ctx: Context) -> Reply:
    lang = supported_language(ctx.locale)
    again = named(ctx, "feed", lang)
    revoked = await ctx.app.feeds.revoke_tokens(ctx.principal, ctx.now)
    if not revoked:
        return Reply(
            title=T.message("feed_reset_none_title", lang),
            text=T.message("feed_reset_none", lang, feed=again),
        )
    return Reply(
        title=T.message("feed_reset_title", lang), text=T.message("feed_reset_done", lang, feed=again)
    )
